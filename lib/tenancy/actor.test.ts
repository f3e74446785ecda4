import { beforeAll, describe, expect, it } from "vitest";
import { createBusiness, createUser } from "../../test-support/fixtures";
import { installStatementTrace, traceStatements } from "../../test-support/statement-trace";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { loadActor, loadSessionActor } from "./actor";

useTempDatabase();

beforeAll(() => installStatementTrace());

describe("the actor the gate re-reads on every request", () => {
  it("carries each membership with its business, sorted by name, read in one statement", async () => {
    const birch = await createBusiness({ name: "Birch" });
    const acme = await createBusiness({ name: "Acme", status: "suspended" });
    const user = await createUser({
      memberships: [
        { businessId: birch.id, role: "member" },
        { businessId: acme.id, role: "admin" },
      ],
    });
    let actor: Awaited<ReturnType<typeof loadActor>> = null;
    const statements = await traceStatements(async () => {
      actor = await loadActor(user.id);
    });
    expect(actor).toEqual({
      userId: user.id,
      email: user.email,
      name: user.name,
      isSystemAdmin: false,
      memberships: [
        { businessId: acme.id, businessName: "Acme", businessSlug: acme.slug, businessStatus: "suspended", role: "admin" },
        { businessId: birch.id, businessName: "Birch", businessSlug: birch.slug, businessStatus: "active", role: "member" },
      ],
    });
    expect(statements).toHaveLength(1);
  });

  it("has no memberships for a user who belongs to no business, and keeps system-admin rights", async () => {
    const user = await createUser({ isSystemAdmin: true });
    expect(await loadActor(user.id)).toMatchObject({ isSystemAdmin: true, memberships: [] });
  });

  it("is gone for an unknown user and for a session of an older version", async () => {
    const user = await createUser();
    expect(await loadActor("00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await loadSessionActor({ userId: user.id, sessionVersion: 0 })).not.toBeNull();
    expect(await loadSessionActor({ userId: user.id, sessionVersion: 1 })).toBeNull();
  });
});
