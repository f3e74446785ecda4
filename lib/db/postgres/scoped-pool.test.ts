import { describe, expect, it } from "vitest";
import { settingsSql } from "./scoped-pool";

describe("the settings each PostgreSQL transaction starts with", () => {
  it("name the business and keep the bypass off in a business scope", () => {
    const sql = settingsSql({ kind: "business", businessId: "3f0c2a1e-0000-4000-8000-000000000001" });
    expect(sql).toContain("set_config('app.business_id', '3f0c2a1e-0000-4000-8000-000000000001', true)");
    expect(sql).toContain("set_config('app.bypass_rls', 'off', true)");
  });

  it("clear the business and turn the bypass on only for the all-businesses access", () => {
    const sql = settingsSql({ kind: "all", reason: "test" });
    expect(sql).toContain("set_config('app.business_id', '', true)");
    expect(sql).toContain("set_config('app.bypass_rls', 'on', true)");
  });

  it("refuse a business id that could break out of the literal", () => {
    expect(() => settingsSql({ kind: "business", businessId: "x', true); SELECT set_config('app.bypass_rls', 'on" })).toThrow(
      /may only contain/,
    );
  });
});
