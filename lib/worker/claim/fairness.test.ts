import { beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/db/sql";
import { sqlDialect } from "@/lib/db/sql-dialect";
import { createBusiness, queueRun } from "../../../test-support/fixtures";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { RunQueue } from "./run-queue";

/** `count` queued runs in one statement, run_at increasing by 1 ms from `startAt` (the ORM's createMany is far slower). */
async function queueManyRuns({ businessId, jobType, count, startAt }: { businessId: string; jobType: string; count: number; startAt: Date }) {
  const start = startAt.getTime();
  const postgres = sqlDialect().name === "postgresql";
  const id = postgres ? Prisma.sql`md5(random()::text || i::text)` : Prisma.sql`lower(hex(randomblob(16)))`;
  const at = postgres ? Prisma.sql`to_timestamp((${start}::bigint + i) / 1000.0)` : Prisma.sql`${start} + i`;
  await getDb().$executeRaw(Prisma.sql`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${count})
    INSERT INTO job_runs (id, business_id, scope, job_type, status, params, run_at, created_at, updated_at)
    SELECT ${id}, ${businessId}, 'tenant', ${jobType}, 'queued', '{}', ${at}, ${at}, ${at} FROM n`);
}

useTempDatabase();

beforeEach(async () => {
  await getDb().jobRun.deleteMany({});
});

/** A big business whose 10,000 runs are all older than the small business's 10. */
async function bigAndSmall() {
  const big = await createBusiness({ name: "Big" });
  const small = await createBusiness({ name: "Small" });
  const start = Date.now() - 3_600_000;
  await queueManyRuns({ businessId: big.id, jobType: "test-noop", count: 10_000, startAt: new Date(start) });
  await queueManyRuns({ businessId: small.id, jobType: "test-noop", count: 10, startAt: new Date(start + 60_000) });
  return { big, small };
}

describe("fair claiming across businesses", () => {
  it("serves a business with 10 runs within the first 20 claims while another has 10,000 (runs finish at once)", async () => {
    const { small } = await bigAndSmall();
    const queue = new RunQueue();
    const claimedBusinesses: (string | null)[] = [];
    for (let index = 0; index < 20; index++) {
      const [run] = await queue.claim({ workerId: "w", limit: 1 });
      expect(run).toBeDefined();
      claimedBusinesses.push(run!.businessId);
      await queue.complete({ runId: run!.id, leaseId: run!.leaseId, result: null });
    }
    expect(claimedBusinesses.filter((id) => id === small.id)).toHaveLength(10);
  });

  it("does the same when runs keep running (share of busy slots)", async () => {
    const { small } = await bigAndSmall();
    const queue = new RunQueue();
    const claimed: (string | null)[] = [];
    for (let index = 0; index < 20; index++) claimed.push(...(await queue.claim({ workerId: "w", limit: 1 })).map((run) => run.businessId));
    expect(claimed.filter((id) => id === small.id)).toHaveLength(10);
  });

  it("splits a batch claim between businesses", async () => {
    const { big, small } = await bigAndSmall();
    const runs = await new RunQueue().claim({ workerId: "w", limit: 8 });
    expect(runs.filter((run) => run.businessId === small.id)).toHaveLength(4);
    expect(runs.filter((run) => run.businessId === big.id)).toHaveLength(4);
  });

  it("fills every free slot when only one business has work", async () => {
    const business = await createBusiness();
    await queueManyRuns({ businessId: business.id, jobType: "test-noop", count: 30, startAt: new Date(Date.now() - 60_000) });
    expect(await new RunQueue().claim({ workerId: "w", limit: 7 })).toHaveLength(7);
  });

  it("respects a business's concurrency limit across claims", async () => {
    const limited = await createBusiness({ maxConcurrentRuns: 2 });
    const other = await createBusiness();
    await queueManyRuns({ businessId: limited.id, jobType: "test-noop", count: 20, startAt: new Date(Date.now() - 60_000) });
    await queueManyRuns({ businessId: other.id, jobType: "test-noop", count: 20, startAt: new Date(Date.now() - 30_000) });
    const queue = new RunQueue();
    const first = await queue.claim({ workerId: "w", limit: 10 });
    expect(first.filter((run) => run.businessId === limited.id)).toHaveLength(2);
    expect(first.filter((run) => run.businessId === other.id)).toHaveLength(8);
    const second = await queue.claim({ workerId: "w", limit: 10 });
    expect(second.filter((run) => run.businessId === limited.id)).toHaveLength(0);

    const [done] = first.filter((run) => run.businessId === limited.id);
    await queue.complete({ runId: done!.id, leaseId: done!.leaseId, result: null });
    const third = await queue.claim({ workerId: "w", limit: 10 });
    expect(third.filter((run) => run.businessId === limited.id)).toHaveLength(1);
  });

  it("serves system runs alongside businesses", async () => {
    const business = await createBusiness();
    await queueManyRuns({ businessId: business.id, jobType: "test-noop", count: 50, startAt: new Date(Date.now() - 60_000) });
    const system = await queueRun({ businessId: null, scope: "system", jobType: "test-system-noop" });
    const runs = await new RunQueue().claim({ workerId: "w", limit: 2 });
    expect(runs.map((run) => run.id)).toContain(system.id);
  });
});
