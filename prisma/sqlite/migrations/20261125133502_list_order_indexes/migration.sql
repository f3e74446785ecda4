-- Newest-first list pages and recently finished runs read in index order instead of sorting a
-- business's (or every business's) whole history; see JobRun's indexes in schema.prisma.

-- DropIndex
DROP INDEX "job_runs_business_id_created_at_idx";

-- CreateIndex
CREATE INDEX "job_runs_business_id_created_at_id_idx" ON "job_runs"("business_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "job_runs_created_at_id_idx" ON "job_runs"("created_at", "id");

-- CreateIndex
CREATE INDEX "job_runs_business_id_finished_at_id_idx" ON "job_runs"("business_id", "finished_at", "id");

-- CreateIndex
CREATE INDEX "job_runs_finished_at_id_idx" ON "job_runs"("finished_at", "id");
