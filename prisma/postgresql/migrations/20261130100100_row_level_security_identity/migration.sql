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

-- One policy per command: DELETE checks only USING, so a single policy's visibility rule would
-- also decide what may be deleted. What a scope may see is wider than what it may change.

ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;
CREATE POLICY "read" ON "memberships" FOR SELECT
  USING ("business_id" = "app_setting"('app.business_id') OR "user_id" = "app_setting"('app.user_id') OR "app_rls_bypass"());
-- Who belongs to a business is decided by the all-businesses access only (seeding, administration).
CREATE POLICY "insert" ON "memberships" FOR INSERT WITH CHECK ("app_rls_bypass"());
CREATE POLICY "update" ON "memberships" FOR UPDATE USING ("app_rls_bypass"()) WITH CHECK ("app_rls_bypass"());
CREATE POLICY "delete" ON "memberships" FOR DELETE USING ("app_rls_bypass"());

ALTER TABLE "businesses" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "businesses" FORCE ROW LEVEL SECURITY;
CREATE POLICY "read" ON "businesses" FOR SELECT
  USING (
    "id" = "app_setting"('app.business_id')
    OR "id" IN (SELECT "business_id" FROM "memberships" WHERE "user_id" = "app_setting"('app.user_id'))
    OR "app_rls_bypass"()
  );
-- A business's row, its status included, is changed by the all-businesses access only: a business
-- scope cannot lift its own suspension.
CREATE POLICY "insert" ON "businesses" FOR INSERT WITH CHECK ("app_rls_bypass"());
CREATE POLICY "update" ON "businesses" FOR UPDATE USING ("app_rls_bypass"()) WITH CHECK ("app_rls_bypass"());
CREATE POLICY "delete" ON "businesses" FOR DELETE USING ("app_rls_bypass"());

ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "users" FORCE ROW LEVEL SECURITY;
CREATE POLICY "read" ON "users" FOR SELECT
  USING (
    "id" = "app_setting"('app.user_id')
    OR "email" = "app_setting"('app.login_email')
    OR "id" IN (SELECT "user_id" FROM "memberships" WHERE "business_id" = "app_setting"('app.business_id'))
    OR "app_rls_bypass"()
  );
-- A user may change their own row (password, sessions); nobody else but the all-businesses access.
CREATE POLICY "insert" ON "users" FOR INSERT WITH CHECK ("app_rls_bypass"());
CREATE POLICY "update" ON "users" FOR UPDATE
  USING ("id" = "app_setting"('app.user_id') OR "app_rls_bypass"())
  WITH CHECK ("id" = "app_setting"('app.user_id') OR "app_rls_bypass"());
CREATE POLICY "delete" ON "users" FOR DELETE USING ("app_rls_bypass"());

ALTER TABLE "login_attempts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "login_attempts" FORCE ROW LEVEL SECURITY;
-- The sign-in reads the attempts of its email and of its address (the per-address limit), but
-- records, marks and withdraws only attempts of its own email.
CREATE POLICY "read" ON "login_attempts" FOR SELECT
  USING ("email" = "app_setting"('app.login_email') OR "ip" = "app_setting"('app.login_ip') OR "app_rls_bypass"());
CREATE POLICY "insert" ON "login_attempts" FOR INSERT WITH CHECK ("email" = "app_setting"('app.login_email') OR "app_rls_bypass"());
CREATE POLICY "update" ON "login_attempts" FOR UPDATE
  USING ("email" = "app_setting"('app.login_email') OR "app_rls_bypass"())
  WITH CHECK ("email" = "app_setting"('app.login_email') OR "app_rls_bypass"());
CREATE POLICY "delete" ON "login_attempts" FOR DELETE USING ("email" = "app_setting"('app.login_email') OR "app_rls_bypass"());
