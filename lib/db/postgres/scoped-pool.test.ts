import { describe, expect, it } from "vitest";
import { settingsSql } from "./scoped-pool";

describe("the session settings a connection carries for an access", () => {
  it("name the business and keep the bypass off in a business scope", () => {
    const sql = settingsSql({ kind: "business", businessId: "3f0c2a1e-0000-4000-8000-000000000001" });
    expect(sql).toContain("set_config('app.business_id', '3f0c2a1e-0000-4000-8000-000000000001', false)");
    expect(sql).toContain("set_config('app.bypass_rls', 'off', false)");
  });

  it("clear the business and turn the bypass on only for the all-businesses access", () => {
    const sql = settingsSql({ kind: "all", reason: "test" });
    expect(sql).toContain("set_config('app.business_id', '', false)");
    expect(sql).toContain("set_config('app.bypass_rls', 'on', false)");
  });

  it("refuse a business id that could break out of the literal", () => {
    expect(() => settingsSql({ kind: "business", businessId: "x', false); SELECT set_config('app.bypass_rls', 'on" })).toThrow(
      /may only contain/,
    );
  });
});

describe("the settings of the narrow accesses used before any scope exists", () => {
  it("name only the user for the gate's actor load", () => {
    const sql = settingsSql({ kind: "user", userId: "3f0c2a1e-0000-4000-8000-000000000009" });
    expect(sql).toContain("set_config('app.user_id', '3f0c2a1e-0000-4000-8000-000000000009', false)");
    expect(sql).toContain("set_config('app.business_id', '', false)");
    expect(sql).toContain("set_config('app.bypass_rls', 'off', false)");
  });

  it("carry a sign-in's email and address hex-encoded, so no quote can break out", () => {
    const email = "o'brien@example.com'), set_config('app.bypass_rls', 'on";
    const sql = settingsSql({ kind: "sign-in", email, ip: "10.0.0.1" });
    expect(sql).toContain(`set_config('app.login_email', convert_from(decode('${Buffer.from(email).toString("hex")}', 'hex'), 'UTF8'), false)`);
    expect(sql).not.toContain("o'brien");
    expect(sql).toContain("set_config('app.bypass_rls', 'off', false)");
    expect(sql).toContain("set_config('app.user_id', '', false)");
  });
});
