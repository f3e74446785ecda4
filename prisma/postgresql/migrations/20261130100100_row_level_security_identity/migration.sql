-- Row-level security on the tables around the tenants: businesses, memberships, users and login
-- attempts. A business scope sees its own business, its memberships and its members, and no
-- login attempt. Two narrow kinds of access exist for code that runs before any scope does
-- (lib/db/database-access.ts): app.user_id lets the gate load one user's own row, memberships and
-- their businesses; app.login_email and app.login_ip let the sign-in read the account with that
-- email and the login attempts of that email or address, and record an attempt for that email.
-- With no setting at all nothing is visible. The all-businesses access (app.bypass_rls) sees and
-- writes everything, as on the tenant tables.

CREATE FUNCTION "app_setting"(name text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting(name, true), '')
$$;

ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "memberships"
  USING ("business_id" = "app_setting"('app.business_id') OR "user_id" = "app_setting"('app.user_id') OR "app_rls_bypass"())
  -- Who belongs to a business is decided by the all-businesses access only (seeding, administration).
  WITH CHECK ("app_rls_bypass"());

ALTER TABLE "businesses" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "businesses" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "businesses"
  USING (
    "id" = "app_setting"('app.business_id')
    OR "id" IN (SELECT "business_id" FROM "memberships" WHERE "user_id" = "app_setting"('app.user_id'))
    OR "app_rls_bypass"()
  )
  WITH CHECK ("id" = "app_setting"('app.business_id') OR "app_rls_bypass"());

ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "users"
  USING (
    "id" = "app_setting"('app.user_id')
    OR "email" = "app_setting"('app.login_email')
    OR "id" IN (SELECT "user_id" FROM "memberships" WHERE "business_id" = "app_setting"('app.business_id'))
    OR "app_rls_bypass"()
  )
  -- A user may change their own row (password, sessions); nobody else but the all-businesses access.
  WITH CHECK ("id" = "app_setting"('app.user_id') OR "app_rls_bypass"());

ALTER TABLE "login_attempts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "login_attempts" FORCE ROW LEVEL SECURITY;
CREATE POLICY "business_scope" ON "login_attempts"
  USING ("email" = "app_setting"('app.login_email') OR "ip" = "app_setting"('app.login_ip') OR "app_rls_bypass"())
  WITH CHECK ("email" = "app_setting"('app.login_email') OR "app_rls_bypass"());
