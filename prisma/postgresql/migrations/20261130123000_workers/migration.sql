-- Worker processes register here and refresh their row with their heartbeat.
CREATE TABLE "workers" (
    "id" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "concurrency" INTEGER NOT NULL,
    "runs_in_flight" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "last_heartbeat_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "workers_last_heartbeat_at_idx" ON "workers"("last_heartbeat_at");

-- Workers are system data that belong to no business: only the all-businesses access (the
-- worker processes, a system admin's scope) sees or changes them. Every other access, a
-- business scope included, sees no row.
ALTER TABLE "workers" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "workers" FORCE ROW LEVEL SECURITY;
CREATE POLICY "read" ON "workers" FOR SELECT USING ("app_rls_bypass"());
CREATE POLICY "insert" ON "workers" FOR INSERT WITH CHECK ("app_rls_bypass"());
CREATE POLICY "update" ON "workers" FOR UPDATE USING ("app_rls_bypass"()) WITH CHECK ("app_rls_bypass"());
CREATE POLICY "delete" ON "workers" FOR DELETE USING ("app_rls_bypass"());
