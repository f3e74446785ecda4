import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { Prisma } from "../db/sql";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { ALL_BUSINESSES, businessScope } from "./scope";
import { queryScoped, scopedDb } from "./scoped-db";

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

describe("the all-businesses client", () => {
  it("sees every row, including runs with no business", async () => {
    expect(await scopedDb(ALL_BUSINESSES, getDb()).jobRun.count()).toBe(4);
  });
});
