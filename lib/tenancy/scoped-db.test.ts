import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { Prisma } from "../db/sql";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { ALL_BUSINESSES, businessScope } from "./scope";
import { queryScoped, scopedDb } from "./scoped-db";
import { ScopeViolationError } from "./scope-violation";

useTempDatabase();
let acme: string;
let birch: string;
let birchRun: string;

beforeAll(async () => {
  acme = (await getDb().business.create({ data: { name: "Acme", slug: "acme" } })).id;
  birch = (await getDb().business.create({ data: { name: "Birch", slug: "birch" } })).id;
  for (const businessId of [acme, acme, birch, null]) {
    const run = await getDb().jobRun.create({ data: { businessId, jobType: "sync-calendar", params: {} } });
    if (businessId === birch) birchRun = run.id;
  }
});

describe("a business-scoped client", () => {
  it("reads only the business's rows, even with no filter at all", async () => {
    const runs = await scopedDb(businessScope(acme), getDb()).jobRun.findMany();
    expect(runs).toHaveLength(2);
    expect(new Set(runs.map((run) => run.businessId))).toEqual(new Set([acme]));
    expect(await scopedDb(businessScope(acme), getDb()).jobRun.count()).toBe(2);
  });

  it("cannot find another business's row by id", async () => {
    const db = scopedDb(businessScope(acme), getDb());
    expect(await db.jobRun.findUnique({ where: { id: birchRun } })).toBeNull();
    expect(await db.jobRun.findFirst({ where: { id: birchRun } })).toBeNull();
  });

  it("cannot update or delete another business's rows", async () => {
    const db = scopedDb(businessScope(acme), getDb());
    expect((await db.jobRun.updateMany({ where: { id: birchRun }, data: { status: "cancelled" } })).count).toBe(0);
    expect((await db.jobRun.deleteMany({ where: { id: birchRun } })).count).toBe(0);
    await expect(db.jobRun.update({ where: { id: birchRun }, data: { status: "cancelled" } })).rejects.toThrow();
    expect((await getDb().jobRun.findUniqueOrThrow({ where: { id: birchRun } })).status).toBe("queued");
  });

  it("stamps its business on creates and refuses to write for another one", async () => {
    const db = scopedDb(businessScope(acme), getDb());
    const created = await db.jobRun.create({ data: { jobType: "sync-calendar", params: {} } });
    expect(created.businessId).toBe(acme);
    await expect(db.jobRun.create({ data: { businessId: birch, jobType: "x", params: {} } })).rejects.toThrow(/another business/);
    await expect(db.jobRun.createMany({ data: [{ businessId: birch, jobType: "x", params: {} }] })).rejects.toThrow(/another business/);
    await db.jobRun.delete({ where: { id: created.id } });
  });

  it("keeps the scope inside interactive transactions", async () => {
    const db = scopedDb(businessScope(birch), getDb());
    const count = await db.$transaction(async (tx) => tx.jobRun.count());
    expect(count).toBe(1);
  });

  it("adds the scope's condition to raw queries", async () => {
    const rows = await queryScoped<{ business_id: string | null }>(businessScope(birch), (tenant) => Prisma.sql`SELECT business_id FROM job_runs WHERE ${tenant}`);
    expect(rows.map((row) => row.business_id)).toEqual([birch]);
  });
});

describe("what a business-scoped client refuses or hides", () => {
  const refused = /Refused in a business scope/;

  it("refuses raw SQL, inside transactions too", async () => {
    const db = scopedDb(businessScope(acme), getDb());
    expect(() => db.$queryRaw`SELECT business_id FROM job_runs`).toThrow(ScopeViolationError);
    expect(() => db.$executeRaw`UPDATE job_runs SET priority = 1`).toThrow(refused);
    expect(() => db.$queryRawUnsafe("SELECT business_id FROM job_runs")).toThrow(refused);
    expect(() => db.$executeRawUnsafe("UPDATE job_runs SET priority = 1")).toThrow(refused);
    await expect(db.$transaction(async (tx) => tx.$queryRaw`SELECT business_id FROM job_runs`)).rejects.toThrow(refused);
  });

  it("filters a tenant relation included through the business", async () => {
    const db = scopedDb(businessScope(acme), getDb());
    expect(await db.business.findUnique({ where: { id: birch }, include: { jobRuns: true } })).toBeNull();
    const own = await db.business.findUniqueOrThrow({ where: { id: acme }, include: { jobRuns: true } });
    expect(own.jobRuns.map((run) => run.businessId)).toEqual([acme, acme]);
  });

  it("shows the members of its own business only, without password hashes", async () => {
    const acmeUser = await getDb().user.create({ data: { email: "a@acme.test", name: "A", passwordHash: "hash-a" } });
    const birchUser = await getDb().user.create({ data: { email: "b@birch.test", name: "B", passwordHash: "hash-b" } });
    await getDb().membership.create({ data: { userId: acmeUser.id, businessId: acme, role: "member" } });
    await getDb().membership.create({ data: { userId: birchUser.id, businessId: birch, role: "member" } });
    const db = scopedDb(businessScope(acme), getDb());
    const memberships = await db.membership.findMany({ include: { user: true } });
    expect(memberships.map((membership) => membership.user.email)).toEqual(["a@acme.test"]);
    expect(JSON.stringify(memberships)).not.toContain("hash-a");
    const users = await db.user.findMany();
    expect(users.map((user) => user.email)).toEqual(["a@acme.test"]);
    expect(users[0]).not.toHaveProperty("passwordHash");
    await expect(db.user.findMany({ select: { passwordHash: true } })).rejects.toThrow(refused);
    await expect(db.user.findMany({ where: { passwordHash: { startsWith: "hash" } } })).rejects.toThrow(refused);
  });

  it("does not tell which other businesses a member belongs to", async () => {
    const shared = await getDb().user.create({ data: { email: "both@example.test", name: "Both", passwordHash: "hash-both" } });
    await getDb().membership.create({ data: { userId: shared.id, businessId: acme, role: "member" } });
    await getDb().membership.create({ data: { userId: shared.id, businessId: birch, role: "member" } });
    const db = scopedDb(businessScope(acme), getDb());
    expect(await db.user.findMany({ where: { id: shared.id, memberships: { some: { businessId: birch } } } })).toEqual([]);
    expect(await db.user.count({ where: { id: shared.id, memberships: { every: { businessId: acme } } } })).toBe(1);
    expect(await db.user.count({ where: { id: shared.id, memberships: { none: { businessId: birch } } } })).toBe(1);
    const [counted] = await db.user.findMany({ where: { id: shared.id }, include: { _count: true } });
    expect(counted?._count.memberships).toBe(1);
  });

  it("refuses to move a row to another business", async () => {
    const db = scopedDb(businessScope(acme), getDb());
    await expect(db.jobRun.updateMany({ data: { businessId: birch } })).rejects.toThrow(refused);
    expect(await getDb().jobRun.count({ where: { businessId: acme } })).toBe(2);
  });

  it("reads its tag rows and statistics but cannot write them: the database keeps them with the runs", async () => {
    const db = scopedDb(businessScope(acme), getDb());
    const [run] = await db.jobRun.findMany({ take: 1 });
    await expect(db.jobRunTag.create({ data: { runId: run!.id, tag: "forged" } })).rejects.toThrow(refused);
    await expect(db.jobRunHourlyStat.updateMany({ data: { succeeded: 999 } })).rejects.toThrow(refused);
    await expect(db.jobRunHourlyStat.deleteMany()).rejects.toThrow(refused);
    expect(await db.jobRunHourlyStat.count()).toBe(0);
    expect(await getDb().jobRunTag.count({ where: { tag: "forged" } })).toBe(0);
  });

  it("cannot reach login attempts at all", async () => {
    await getDb().loginAttempt.create({ data: { email: "someone@birch.test", ip: "10.0.0.1", succeeded: false } });
    const db = scopedDb(businessScope(acme), getDb());
    await expect(db.loginAttempt.findMany()).rejects.toThrow(refused);
    await expect(db.loginAttempt.count()).rejects.toThrow(refused);
  });
});

describe("the all-businesses client", () => {
  it("sees every row, including runs with no business", async () => {
    expect(await scopedDb(ALL_BUSINESSES, getDb()).jobRun.count()).toBe(4);
  });
});
