-- Row-level security on every tenant table: defence in depth behind the application's own
-- business filters. Each transaction says whose rows it may see through two settings
-- (lib/db/postgres/scoped-pool.ts): app.business_id, or app.bypass_rls = 'on' for the
-- all-businesses scope. With neither, no tenant row is visible or writable. FORCE applies the
-- policies to the tables' owner too, which is the role the application connects as.

ALTER TABLE "job_runs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_runs" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "job_runs"
  USING (current_setting('app.bypass_rls', true) = 'on' OR "business_id" = NULLIF(current_setting('app.business_id', true), ''))
  WITH CHECK (current_setting('app.bypass_rls', true) = 'on' OR "business_id" = NULLIF(current_setting('app.business_id', true), ''));

ALTER TABLE "job_run_attempts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_run_attempts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "job_run_attempts"
  USING (current_setting('app.bypass_rls', true) = 'on' OR "business_id" = NULLIF(current_setting('app.business_id', true), ''))
  WITH CHECK (current_setting('app.bypass_rls', true) = 'on' OR "business_id" = NULLIF(current_setting('app.business_id', true), ''));

ALTER TABLE "job_run_logs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_run_logs" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "job_run_logs"
  USING (current_setting('app.bypass_rls', true) = 'on' OR "business_id" = NULLIF(current_setting('app.business_id', true), ''))
  WITH CHECK (current_setting('app.bypass_rls', true) = 'on' OR "business_id" = NULLIF(current_setting('app.business_id', true), ''));

ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "audit_events"
  USING (current_setting('app.bypass_rls', true) = 'on' OR "business_id" = NULLIF(current_setting('app.business_id', true), ''))
  WITH CHECK (current_setting('app.bypass_rls', true) = 'on' OR "business_id" = NULLIF(current_setting('app.business_id', true), ''));

ALTER TABLE "attachments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "attachments" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "attachments"
  USING (current_setting('app.bypass_rls', true) = 'on' OR "business_id" = NULLIF(current_setting('app.business_id', true), ''))
  WITH CHECK (current_setting('app.bypass_rls', true) = 'on' OR "business_id" = NULLIF(current_setting('app.business_id', true), ''));
