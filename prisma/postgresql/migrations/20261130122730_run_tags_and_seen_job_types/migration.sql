-- CreateTable
CREATE TABLE "job_run_tags" (
    "id" SERIAL NOT NULL,
    "run_id" TEXT NOT NULL,
    "business_id" TEXT,
    "tag" TEXT NOT NULL,

    CONSTRAINT "job_run_tags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_types_seen" (
    "job_type" TEXT NOT NULL,

    CONSTRAINT "job_types_seen_pkey" PRIMARY KEY ("job_type")
);

-- CreateIndex
CREATE INDEX "job_run_tags_business_id_tag_run_id_idx" ON "job_run_tags"("business_id", "tag", "run_id");

-- CreateIndex
CREATE INDEX "job_run_tags_tag_run_id_idx" ON "job_run_tags"("tag", "run_id");

-- CreateIndex
CREATE UNIQUE INDEX "job_run_tags_run_id_tag_key" ON "job_run_tags"("run_id", "tag");

-- AddForeignKey
ALTER TABLE "job_run_tags" ADD CONSTRAINT "job_run_tags_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_run_tags" ADD CONSTRAINT "job_run_tags_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Run ids compare bytewise, as on SQLite: a search by run id prefix becomes a range on the
-- primary key (id >= prefix AND id < next prefix), which only holds under the C collation (other
-- collations ignore the hyphens at first). Plain comparisons are leakproof, so the range keeps its
-- index under row-level security. The tables that point to a run keep the same collation.
ALTER TABLE "job_runs" ALTER COLUMN "id" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "job_run_attempts" ALTER COLUMN "run_id" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "job_run_logs" ALTER COLUMN "run_id" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "attachments" ALTER COLUMN "run_id" SET DATA TYPE TEXT COLLATE "C";
ALTER TABLE "job_run_tags" ALTER COLUMN "run_id" SET DATA TYPE TEXT COLLATE "C";

-- Tags are tenant rows: the same policy as job_runs.
ALTER TABLE "job_run_tags" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_run_tags" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "job_run_tags"
  USING ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"())
  WITH CHECK ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"());

-- The tag rows and the seen job types are written by the statement that writes the run, whoever
-- writes it (the API, the scheduler, seeding, bulk loads, tests), and tag rows follow the run when
-- an orphan is given a business or its tags are rewritten. Deleting a run deletes its tags by the
-- foreign key; a job type stays seen.
CREATE FUNCTION "job_run_tags_write"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM "job_run_tags" WHERE "run_id" = OLD."id";
  END IF;
  INSERT INTO "job_run_tags" ("run_id", "business_id", "tag")
  SELECT DISTINCT NEW."id", NEW."business_id", t."tag" FROM unnest(string_to_array(NEW."tags", ',')) AS t("tag") WHERE t."tag" <> '';
  RETURN NULL;
END;
$$;

CREATE TRIGGER "job_runs_insert_tags"
  AFTER INSERT ON "job_runs"
  FOR EACH ROW
  WHEN (NEW."tags" <> '')
  EXECUTE FUNCTION "job_run_tags_write"();

CREATE TRIGGER "job_runs_update_tags"
  AFTER UPDATE OF "business_id", "tags" ON "job_runs"
  FOR EACH ROW
  WHEN ((OLD."business_id" IS DISTINCT FROM NEW."business_id" OR OLD."tags" <> NEW."tags") AND (OLD."tags" <> '' OR NEW."tags" <> ''))
  EXECUTE FUNCTION "job_run_tags_write"();

CREATE FUNCTION "job_types_seen_write"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "job_types_seen" ("job_type") VALUES (NEW."job_type") ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "job_runs_insert_seen_type"
  AFTER INSERT ON "job_runs"
  FOR EACH ROW
  EXECUTE FUNCTION "job_types_seen_write"();

-- Backfill from the stored ",a,b," form. Row-level security is forced: the migration reads and
-- writes every business's rows.
SELECT set_config('app.bypass_rls', 'on', false);

INSERT INTO "job_run_tags" ("run_id", "business_id", "tag")
SELECT DISTINCT r."id", r."business_id", t."tag"
FROM "job_runs" r CROSS JOIN LATERAL unnest(string_to_array(r."tags", ',')) AS t("tag")
WHERE r."tags" <> '' AND t."tag" <> '';

INSERT INTO "job_types_seen" ("job_type") SELECT DISTINCT "job_type" FROM "job_runs";

SELECT set_config('app.bypass_rls', '', false);
