-- CreateTable
CREATE TABLE "job_run_tags" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "run_id" TEXT NOT NULL,
    "business_id" TEXT,
    "tag" TEXT NOT NULL,
    CONSTRAINT "job_run_tags_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_runs" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "job_run_tags_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "job_types_seen" (
    "job_type" TEXT NOT NULL PRIMARY KEY
);

-- CreateIndex
CREATE INDEX "job_run_tags_business_id_tag_run_id_idx" ON "job_run_tags"("business_id", "tag", "run_id");

-- CreateIndex
CREATE INDEX "job_run_tags_tag_run_id_idx" ON "job_run_tags"("tag", "run_id");

-- CreateIndex
CREATE UNIQUE INDEX "job_run_tags_run_id_tag_key" ON "job_run_tags"("run_id", "tag");

-- The tag rows and the seen job types are written by the statement that writes the run, whoever
-- writes it (the API, the scheduler, seeding, bulk loads, tests), and tag rows follow the run when
-- an orphan is given a business or its tags are rewritten. Deleting a run deletes its tags by the
-- foreign key; a job type stays seen. Triggers cannot hold a recursive query, so the ",a,b," form
-- is split as a JSON array; tags are letters, digits and . _ : - (lib/job-runs/schemas.ts), and
-- quotes and backslashes are escaped anyway.
CREATE TRIGGER "job_runs_insert_tags"
  AFTER INSERT ON "job_runs"
  FOR EACH ROW
  WHEN NEW."tags" <> ''
BEGIN
  INSERT INTO "job_run_tags" ("run_id", "business_id", "tag")
  SELECT DISTINCT NEW."id", NEW."business_id", "value"
  FROM json_each('["' || replace(replace(replace(trim(NEW."tags", ','), '\', '\\'), '"', '\"'), ',', '","') || '"]')
  WHERE "value" <> '';
END;

CREATE TRIGGER "job_runs_update_tags"
  AFTER UPDATE OF "business_id", "tags" ON "job_runs"
  FOR EACH ROW
  WHEN (OLD."business_id" IS NOT NEW."business_id" OR OLD."tags" <> NEW."tags") AND (OLD."tags" <> '' OR NEW."tags" <> '')
BEGIN
  DELETE FROM "job_run_tags" WHERE "run_id" = OLD."id";
  INSERT INTO "job_run_tags" ("run_id", "business_id", "tag")
  SELECT DISTINCT NEW."id", NEW."business_id", "value"
  FROM json_each('["' || replace(replace(replace(trim(NEW."tags", ','), '\', '\\'), '"', '\"'), ',', '","') || '"]')
  WHERE "value" <> '' AND NEW."tags" <> '';
END;

CREATE TRIGGER "job_runs_insert_seen_type"
  AFTER INSERT ON "job_runs"
  FOR EACH ROW
BEGIN
  INSERT OR IGNORE INTO "job_types_seen" ("job_type") VALUES (NEW."job_type");
END;

-- Backfill: one row per tag of every run, split from the stored ",a,b," form.
WITH RECURSIVE "split"("run_id", "business_id", "tag", "rest") AS (
  SELECT "id", "business_id", '', substr("tags", 2) FROM "job_runs" WHERE "tags" <> ''
  UNION ALL
  SELECT "run_id", "business_id", substr("rest", 1, instr("rest", ',') - 1), substr("rest", instr("rest", ',') + 1)
  FROM "split" WHERE instr("rest", ',') > 0
)
INSERT INTO "job_run_tags" ("run_id", "business_id", "tag")
SELECT DISTINCT "run_id", "business_id", "tag" FROM "split" WHERE "tag" <> '';

INSERT INTO "job_types_seen" ("job_type") SELECT DISTINCT "job_type" FROM "job_runs";
