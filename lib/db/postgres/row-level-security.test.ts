import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { inAccess, withoutDatabaseAccess } from "@/lib/db/database-access";
import { Prisma } from "@/lib/db/sql";
import { testDatabaseProvider } from "@/test-support/test-database-provider";
import { createBusiness, queueRun } from "@/test-support/fixtures";
import { useTempDatabase } from "@/test-support/use-temp-database";

// Row-level security exists only on PostgreSQL; on SQLite the application's filters are the guard.
describe.runIf(testDatabaseProvider() === "postgresql")("row-level security on PostgreSQL", () => {
  useTempDatabase();

  const unfilteredRunOwners = async () => {
    const rows = await getDb().$queryRaw<{ business_id: string | null }[]>(Prisma.sql`SELECT business_id FROM job_runs`);
    return rows.map((row) => row.business_id);
  };

  async function twoBusinessesWithRuns() {
    const acme = await createBusiness({ name: "Acme" });
    const birch = await createBusiness({ name: "Birch" });
    await queueRun({ businessId: acme.id, jobType: "test-noop" });
    await queueRun({ businessId: acme.id, jobType: "test-noop" });
    await queueRun({ businessId: birch.id, jobType: "test-noop" });
    await queueRun({ businessId: null, scope: "system", jobType: "test-noop" });
    return { acme, birch };
  }

  it("connects as a role that cannot bypass it", async () => {
    const [role] = await getDb().$queryRaw<{ rolsuper: boolean; rolbypassrls: boolean }[]>(
      Prisma.sql`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it("answers a raw SELECT without any WHERE clause with the scope's rows only", async () => {
    const { acme, birch } = await twoBusinessesWithRuns();
    const acmeSees = await inAccess({ kind: "business", businessId: acme.id }, unfilteredRunOwners);
    expect(acmeSees).toEqual([acme.id, acme.id]);
    const birchSees = await inAccess({ kind: "business", businessId: birch.id }, unfilteredRunOwners);
    expect(birchSees).toEqual([birch.id]);
    const everyone = await inAccess({ kind: "all", reason: "test" }, unfilteredRunOwners);
    expect(everyone).toEqual(expect.arrayContaining([acme.id, birch.id, null]));
  });

  it("shows no tenant row to code that was given no access", async () => {
    await twoBusinessesWithRuns();
    expect(await withoutDatabaseAccess(unfilteredRunOwners)).toEqual([]);
    const [count] = await withoutDatabaseAccess(() =>
      getDb().$queryRaw<{ n: bigint }[]>(Prisma.sql`SELECT COUNT(*) AS n FROM job_run_attempts`),
    );
    expect(Number(count?.n)).toBe(0);
  });

  it("refuses a raw write of another business's row inside a business scope", async () => {
    const { acme, birch } = await twoBusinessesWithRuns();
    const insertForBirch = () =>
      getDb().$executeRaw(Prisma.sql`
        INSERT INTO job_runs (id, business_id, scope, job_type, params, updated_at)
        VALUES (gen_random_uuid()::text, ${birch.id}, 'tenant', 'x', '{}', now())`);
    await expect(inAccess({ kind: "business", businessId: acme.id }, insertForBirch)).rejects.toThrow(/row-level security/);
    const changed = await inAccess({ kind: "business", businessId: acme.id }, () =>
      getDb().$executeRaw(Prisma.sql`UPDATE job_runs SET priority = 9`),
    );
    expect(changed).toBe(2);
  });

  it("applies the scope to a whole interactive transaction and leaks nothing to the next user of the connection", async () => {
    const { acme } = await twoBusinessesWithRuns();
    // The scoped client refuses raw SQL, so the transaction is opened the way it opens one: inside the access.
    const inTransaction = await inAccess({ kind: "business", businessId: acme.id }, () =>
      getDb().$transaction((tx) => tx.$queryRaw<{ business_id: string }[]>(Prisma.sql`SELECT business_id FROM job_runs`)),
    );
    expect(inTransaction.map((row) => row.business_id)).toEqual([acme.id, acme.id]);
    // The same pooled connections now serve code without access: the settings were transaction-local.
    const afterwards = await Promise.all(Array.from({ length: 20 }, () => withoutDatabaseAccess(unfilteredRunOwners)));
    expect(afterwards.flat()).toEqual([]);
  });
});
