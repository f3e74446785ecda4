-- Statistics count a window of runs from the list-order indexes alone: they now carry every
-- column the statistics read (see JobRun's indexes in schema.prisma).

-- DropIndex
DROP INDEX "job_runs_created_at_id_idx";

-- DropIndex
DROP INDEX "job_runs_business_id_created_at_id_idx";

-- CreateIndex
CREATE INDEX "job_runs_business_id_created_at_id_status_job_type_started_at_finished_at_idx" ON "job_runs"("business_id", "created_at", "id", "status", "job_type", "started_at", "finished_at");

-- CreateIndex
CREATE INDEX "job_runs_created_at_id_status_job_type_started_at_finished_at_idx" ON "job_runs"("created_at", "id", "status", "job_type", "started_at", "finished_at");
