import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/tenancy/actor";
import { findUserByEmail, isMember } from "@/lib/tenancy/identity-store";
import { businessScope, scopedDb } from "@/lib/tenancy";
import { createBusiness, createUser } from "@/test-support/fixtures";
import { testDatabaseProvider } from "@/test-support/test-database-provider";
import { useTempDatabase } from "@/test-support/use-temp-database";

// The client batches unique lookups issued in the same tick into one statement. Row-level security
// takes its settings from the caller's access, so a batch may only ever hold lookups of one access:
// lookups made at once for two users or two businesses must each see their own row.
describe.runIf(testDatabaseProvider() === "postgresql")("lookups made at once under different accesses", () => {
  useTempDatabase();

  async function twoMembers() {
    const acme = await createBusiness({ name: "Acme" });
    const birch = await createBusiness({ name: "Birch" });
    const acmeUser = await createUser({ memberships: [{ businessId: acme.id, role: "admin" }] });
    const birchUser = await createUser({ memberships: [{ businessId: birch.id, role: "member" }] });
    return { acme, birch, acmeUser, birchUser };
  }

  it("loads each user's actor", async () => {
    const { acmeUser, birchUser } = await twoMembers();
    const [acme, birch] = await Promise.all([loadActor(acmeUser.id), loadActor(birchUser.id)]);
    expect([acme?.userId, birch?.userId]).toEqual([acmeUser.id, birchUser.id]);
  });

  it("finds each account at sign-in and checks each membership", async () => {
    const { acme, birch, acmeUser, birchUser } = await twoMembers();
    const found = await Promise.all([findUserByEmail(acmeUser.email), findUserByEmail(birchUser.email)]);
    expect(found.map((user) => user?.id)).toEqual([acmeUser.id, birchUser.id]);
    const members = await Promise.all([isMember({ userId: acmeUser.id, businessId: acme.id }), isMember({ userId: birchUser.id, businessId: birch.id })]);
    expect(members).toEqual([true, true]);
  });

  it("finds each business through its own scoped client", async () => {
    const { acme, birch } = await twoMembers();
    const found = await Promise.all([
      scopedDb(businessScope(acme.id)).business.findUnique({ where: { id: acme.id } }),
      scopedDb(businessScope(birch.id)).business.findUniqueOrThrow({ where: { id: birch.id } }),
    ]);
    expect(found.map((business) => business?.id)).toEqual([acme.id, birch.id]);
  });
});
