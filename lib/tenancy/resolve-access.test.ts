import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import type { Actor } from "./actor";
import { authorizeBusinessFilter } from "./business-filter";
import { assertMayChangeRuns, canManageRuns, resolveAccess } from "./resolve-access";
import { ALL_BUSINESSES, businessScope } from "./scope";

const base = { userId: "u", email: "u@example.com", name: "U", isSystemAdmin: false };
const membership = (businessId: string, role: "admin" | "member") => ({
  businessId,
  businessName: businessId.toUpperCase(),
  businessSlug: businessId,
  businessStatus: "active",
  role,
});

describe("resolveAccess", () => {
  it("gives system admins every business", () => {
    const access = resolveAccess({ ...base, isSystemAdmin: true, memberships: [] });
    expect(access.scope).toEqual({ kind: "all" });
    expect(canManageRuns(access)).toBe(true);
  });

  it("refuses a user with no membership", () => {
    expect(() => resolveAccess({ ...base, memberships: [] })).toThrow(AppError);
  });

  it("uses the picked business only while the user belongs to it", () => {
    const actor: Actor = { ...base, memberships: [membership("a", "member"), membership("b", "admin")] };
    expect(resolveAccess(actor, "b")).toMatchObject({ scope: { kind: "business", businessId: "b" }, role: "admin" });
    expect(resolveAccess(actor, "z")).toMatchObject({ scope: { kind: "business", businessId: "a" }, role: "member" });
    expect(resolveAccess(actor, null).scope).toEqual(businessScope("a"));
    expect(canManageRuns(resolveAccess(actor, "a"))).toBe(false);
  });
});

describe("a suspended business", () => {
  const suspended = (role: "admin" | "member") => ({ ...membership("s", role), businessStatus: "suspended" });

  it("keeps its history readable but refuses its members and admins any change with business_suspended", () => {
    for (const role of ["admin", "member"] as const) {
      const access = resolveAccess({ ...base, memberships: [suspended(role)] });
      expect(access.scope).toEqual(businessScope("s"));
      expect(() => assertMayChangeRuns(access)).toThrow(expect.objectContaining({ code: "business_suspended", status: 403 }));
    }
  });

  it("holds back only the suspended business, and never a system admin", () => {
    const actor: Actor = { ...base, memberships: [suspended("admin"), membership("a", "admin")] };
    expect(() => assertMayChangeRuns(resolveAccess(actor, "a"))).not.toThrow();
    expect(() => assertMayChangeRuns(resolveAccess({ ...actor, isSystemAdmin: true }))).not.toThrow();
  });
});

describe("authorizeBusinessFilter", () => {
  it("lets system admins narrow to anything", () => {
    expect(authorizeBusinessFilter(ALL_BUSINESSES, "orphan")).toBe("orphan");
  });

  it("refuses a business scope naming another business, and drops its own", () => {
    expect(() => authorizeBusinessFilter(businessScope("a"), "b")).toThrow(/own business/);
    expect(() => authorizeBusinessFilter(businessScope("a"), "system")).toThrow(AppError);
    expect(authorizeBusinessFilter(businessScope("a"), "a")).toBeUndefined();
  });
});
