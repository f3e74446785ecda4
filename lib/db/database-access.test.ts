import { describe, expect, it, vi } from "vitest";

// Next.js bundles pages and route handlers separately: each gets its own copy of this module, while
// all of them share the one database client whose pool reads the access.
describe("the database access of the current code", () => {
  it("is the same for every copy of the module in one process", async () => {
    const first = await import("./database-access");
    vi.resetModules();
    const second = await import("./database-access");
    expect(second).not.toBe(first);
    const seen = await first.inAccess({ kind: "user", userId: "u-1" }, () => second.currentDatabaseAccess());
    expect(seen).toEqual({ kind: "user", userId: "u-1" });
  });
});
