-- The per-business breakdown reads one window of hours across every business; the key leads with
-- the business, so without this index it reads the whole rollup.
CREATE INDEX "job_run_hourly_stats_hour_start_business_id_idx" ON "job_run_hourly_stats"("hour_start", "business_id");
