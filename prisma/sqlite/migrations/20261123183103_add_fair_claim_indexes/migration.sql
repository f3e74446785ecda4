-- AlterTable
ALTER TABLE "job_runs" ADD COLUMN "claim_seq" INTEGER;

-- CreateIndex
CREATE INDEX "job_runs_status_business_id_priority_run_at_idx" ON "job_runs"("status", "business_id", "priority" DESC, "run_at");

-- CreateIndex
CREATE INDEX "job_runs_claim_seq_idx" ON "job_runs"("claim_seq");

-- CreateIndex
CREATE INDEX "job_runs_business_id_claim_seq_idx" ON "job_runs"("business_id", "claim_seq");
