-- Row-level security on every tenant table: defence in depth behind the application's own
-- business filters. Each transaction says whose rows it may see through two settings
-- (lib/db/postgres/scoped-pool.ts): app.business_id, or app.bypass_rls = 'on' for the
-- all-businesses scope. With neither, no tenant row is visible or writable. FORCE applies the
-- policies to the tables' owner too, which is the role the application connects as.

-- PL/pgSQL on purpose: an inlined comparison of a setting gets a 0.5% selectivity estimate,
-- which made the planner pick the wrong index for the worker's claim under the bypass. A
-- function call keeps a neutral estimate; the business arm comes first so tenant queries
-- never call it.
CREATE FUNCTION "app_rls_bypass"() RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN current_setting('app.bypass_rls', true) = 'on';
END;
$$;

ALTER TABLE "job_runs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_runs" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "job_runs"
  USING ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"())
  WITH CHECK ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"());

ALTER TABLE "job_run_attempts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_run_attempts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "job_run_attempts"
  USING ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"())
  WITH CHECK ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"());

ALTER TABLE "job_run_logs" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "job_run_logs" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "job_run_logs"
  USING ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"())
  WITH CHECK ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"());

ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "audit_events"
  USING ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"())
  WITH CHECK ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"());

ALTER TABLE "attachments" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "attachments" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "attachments"
  USING ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"())
  WITH CHECK ("business_id" = NULLIF(current_setting('app.business_id', true), '') OR "app_rls_bypass"());
