import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { inAccess, withoutDatabaseAccess, type DatabaseAccess } from "@/lib/db/database-access";
import { Prisma } from "@/lib/db/sql";
import { bumpSessionVersion, findUserByEmail, isMember } from "@/lib/tenancy/identity-store";
import { loadActor, loadSessionActor } from "@/lib/tenancy/actor";
import { reserveLoginAttempt, type LoginAttemptHistory } from "@/lib/tenancy/login-attempt-store";
import { createBusiness, createUser } from "@/test-support/fixtures";
import { testDatabaseProvider } from "@/test-support/test-database-provider";
import { useTempDatabase } from "@/test-support/use-temp-database";

// Raw SQL without any WHERE clause: what the database itself lets each access see.
const ids = (table: "businesses" | "memberships" | "users" | "login_attempts") =>
  getDb().$queryRaw<{ id: string | number }[]>(Prisma.sql`SELECT id FROM ${Prisma.raw(table)} ORDER BY id`).then((rows) => rows.map((row) => String(row.id)));

describe.runIf(testDatabaseProvider() === "postgresql")("row-level security on businesses, memberships, users and login attempts", () => {
  useTempDatabase();
  let round = 0;

  async function twoBusinesses() {
    const acme = await createBusiness({ name: "Acme" });
    const birch = await createBusiness({ name: "Birch" });
    const acmeUser = await createUser({ memberships: [{ businessId: acme.id, role: "admin" }] });
    const birchUser = await createUser({ memberships: [{ businessId: birch.id, role: "member" }] });
    const loner = await createUser();
    const memberships = await getDb().membership.findMany({ orderBy: { id: "asc" } });
    const membershipOf = (userId: string) => memberships.find((membership) => membership.userId === userId)!.id;
    // Addresses and emails of their own: the file's tests share one database.
    const ip = `10.0.${++round}.1`;
    const stranger = `stranger-${round}@example.test`;
    await getDb().loginAttempt.createMany({
      data: [
        { email: acmeUser.email, ip, succeeded: false },
        { email: birchUser.email, ip: `10.0.${round}.2`, succeeded: false },
        { email: stranger, ip, succeeded: false },
      ],
    });
    return { acme, birch, acmeUser, birchUser, loner, membershipOf, ip, stranger };
  }

  const seen = async (access: DatabaseAccess | null) => {
    const read = async () => ({ businesses: await ids("businesses"), memberships: await ids("memberships"), users: await ids("users"), attempts: await ids("login_attempts") });
    return access ? inAccess(access, read) : withoutDatabaseAccess(read);
  };

  it("shows a business scope its own business, memberships and members, and no login attempt", async () => {
    const { acme, acmeUser, membershipOf } = await twoBusinesses();
    const rows = await seen({ kind: "business", businessId: acme.id });
    expect(rows).toEqual({ businesses: [acme.id], memberships: [membershipOf(acmeUser.id)], users: [acmeUser.id], attempts: [] });
  });

  it("shows the actor load one user's own row, memberships and businesses", async () => {
    const { birch, birchUser, membershipOf } = await twoBusinesses();
    const rows = await seen({ kind: "user", userId: birchUser.id });
    expect(rows).toEqual({ businesses: [birch.id], memberships: [membershipOf(birchUser.id)], users: [birchUser.id], attempts: [] });
  });

  it("shows the sign-in the account with its email and the attempts of that email or address", async () => {
    const { acmeUser, ip, stranger } = await twoBusinesses();
    const rows = await seen({ kind: "sign-in", email: acmeUser.email, ip });
    expect(rows.businesses).toEqual([]);
    expect(rows.memberships).toEqual([]);
    expect(rows.users).toEqual([acmeUser.id]);
    const attempts = await inAccess({ kind: "sign-in", email: acmeUser.email, ip }, () =>
      getDb().$queryRaw<{ email: string }[]>(Prisma.sql`SELECT email FROM login_attempts ORDER BY email`),
    );
    expect(attempts.map((attempt) => attempt.email)).toEqual([acmeUser.email, stranger].sort());
  });

  it("shows code without any access none of these rows", async () => {
    await twoBusinesses();
    expect(await seen(null)).toEqual({ businesses: [], memberships: [], users: [], attempts: [] });
  });

  it("refuses writes outside each access", async () => {
    const { acme, birch, acmeUser, loner } = await twoBusinesses();
    const inScope = (call: () => Promise<unknown>) => inAccess({ kind: "business", businessId: acme.id }, call);
    await expect(
      inScope(() => getDb().$executeRaw(Prisma.sql`INSERT INTO memberships (id, user_id, business_id, role) VALUES (gen_random_uuid()::text, ${loner.id}, ${acme.id}, 'admin')`)),
    ).rejects.toThrow(/row-level security/);
    // A business sees its own row, its memberships and its members, but changes or deletes none of
    // them: its status, who belongs to it and its members' rows are decided elsewhere.
    for (const statement of [
      Prisma.sql`UPDATE businesses SET status = 'active', name = 'Renamed'`,
      Prisma.sql`DELETE FROM businesses`,
      Prisma.sql`UPDATE memberships SET role = 'admin'`,
      Prisma.sql`DELETE FROM memberships`,
      Prisma.sql`UPDATE users SET name = 'Renamed'`,
      Prisma.sql`DELETE FROM users`,
    ]) {
      expect(await inScope(() => getDb().$executeRaw(statement)), statement.sql).toBe(0);
    }
    expect(await inScope(() => ids("users"))).toEqual([acmeUser.id]);
    await expect(
      inAccess({ kind: "sign-in", email: acmeUser.email, ip: "10.0.0.9" }, () =>
        getDb().$executeRaw(Prisma.sql`INSERT INTO login_attempts (email, ip, succeeded) VALUES ('someone-else@example.test', '10.0.0.9', false)`),
      ),
    ).rejects.toThrow(/row-level security/);
    expect((await getDb().business.findUniqueOrThrow({ where: { id: birch.id } })).name).toBe("Birch");
    expect((await getDb().business.findUniqueOrThrow({ where: { id: acme.id } })).name).toBe("Acme");
  });

  it("lets the sign-in withdraw only its own email's attempts", async () => {
    const { acmeUser, ip, stranger } = await twoBusinesses();
    const removed = await inAccess({ kind: "sign-in", email: acmeUser.email, ip }, () => getDb().$executeRaw(Prisma.sql`DELETE FROM login_attempts`));
    expect(removed).toBe(1);
    expect(await getDb().loginAttempt.count({ where: { email: stranger, ip } })).toBe(1);
  });

  it("keeps the gate's actor load, membership check and the sign-in throttle working under these policies", async () => {
    const { acme, birch, acmeUser, ip } = await twoBusinesses();
    const actor = await withoutDatabaseAccess(() => loadActor(acmeUser.id));
    expect(actor?.memberships.map((membership) => membership.businessId)).toEqual([acme.id]);
    expect(await withoutDatabaseAccess(() => isMember({ userId: acmeUser.id, businessId: acme.id }))).toBe(true);
    expect(await withoutDatabaseAccess(() => isMember({ userId: acmeUser.id, businessId: birch.id }))).toBe(false);
    expect((await withoutDatabaseAccess(() => findUserByEmail(acmeUser.email.toUpperCase())))?.id).toBe(acmeUser.id);
    const at = new Date();
    const since = new Date(at.getTime() - 60_000);
    let history: LoginAttemptHistory | undefined;
    const reservation = await withoutDatabaseAccess(() =>
      reserveLoginAttempt({ email: acmeUser.email, ip, at, windowStart: since, knownSince: since }, (seen) => {
        history = seen;
        return null;
      }),
    );
    expect(reservation.admitted).toBe(true);
    expect(history).toMatchObject({ accountAndAddressFailures: 1, addressFailures: 2, accountFailures: 1, knownAddress: false });
  });

  it("lets sign-out end a user's sessions and the gate see it, with no access granted", async () => {
    const { acmeUser } = await twoBusinesses();
    const session = { userId: acmeUser.id, sessionVersion: acmeUser.sessionVersion };
    expect(await withoutDatabaseAccess(() => loadSessionActor(session))).not.toBeNull();
    expect(await withoutDatabaseAccess(() => bumpSessionVersion({ userId: acmeUser.id, ifVersion: session.sessionVersion }))).toBe(true);
    expect(await withoutDatabaseAccess(() => loadSessionActor(session))).toBeNull();
  });
});
