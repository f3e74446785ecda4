-- Every state change of a run writes a new entry into each index of job_runs (its status is
-- indexed, so no update can skip them). These four serve no query that another index does not
-- serve as well: a business's runs by status come from the claim index (status, business_id, …),
-- its job types and orphans from the newest-first index (business_id, created_at, …), which also
-- covers every lookup by business alone.
DROP INDEX "job_runs_business_id_idx";
DROP INDEX "job_runs_business_id_status_idx";
DROP INDEX "job_runs_business_id_job_type_idx";
DROP INDEX "job_runs_scope_business_id_idx";
