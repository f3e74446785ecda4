import { afterAll, describe, expect, it, vi } from "vitest";
import { createDb, getDb, type Db } from "@/lib/db";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { createBusiness, queueRun, readAttempts, readRun } from "../../../test-support/fixtures";
import { RunQueue } from "./run-queue";

const { database } = useTempDatabase();
const extraClients: Db[] = [];

afterAll(async () => {
  await Promise.all(extraClients.map((client) => client.$disconnect()));
});

async function clearQueue() {
  await getDb().jobRun.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "cancelled", leaseId: null } });
}

describe("claim", () => {
  it("claims a run once, with a lease, and records the attempt", async () => {
    await clearQueue();
    const business = await createBusiness();
    const run = await queueRun({ businessId: business.id, jobType: "test-noop" });
    const queue = new RunQueue();

    const [claimed] = await queue.claim({ workerId: "w1", limit: 5 });
    expect(claimed?.id).toBe(run.id);
    expect(claimed?.attempt).toBe(1);
    expect(claimed?.leaseId).toMatch(/^[0-9a-f]{32}$/);
    expect(await queue.claim({ workerId: "w2", limit: 5 })).toEqual([]);

    const row = await readRun(run.id);
    expect(row).toMatchObject({ status: "running", lockedBy: "w1", leaseId: claimed?.leaseId, attempt: 1 });
    expect(row.heartbeatAt).not.toBeNull();
    const attempts = await readAttempts(run.id);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ attempt: 1, workerId: "w1", leaseId: claimed?.leaseId, status: "running" });
  });

  it("never hands the same run to two connections claiming at the same time", async () => {
    await clearQueue();
    const business = await createBusiness();
    const other = await createBusiness();
    const ids = new Set<string>();
    for (let index = 0; index < 150; index++) {
      const run = await queueRun({ businessId: index % 3 ? business.id : other.id, jobType: "test-noop" });
      ids.add(run.id);
    }
    // Separate clients are separate SQLite connections, like separate worker processes.
    const queues = [createDb(database.url), createDb(database.url), createDb(database.url)].map((client) => {
      extraClients.push(client);
      return new RunQueue(client);
    });
    const claimedBy = new Map<string, string[]>();
    await Promise.all(
      queues.map(async (queue, index) => {
        for (;;) {
          const runs = await queue.claim({ workerId: `w${index}`, limit: 3 });
          if (runs.length === 0) return;
          for (const run of runs) claimedBy.set(run.id, [...(claimedBy.get(run.id) ?? []), `w${index}`]);
        }
      }),
    );
    expect(new Set(claimedBy.keys())).toEqual(ids);
    expect([...claimedBy.values()].filter((workers) => workers.length > 1)).toEqual([]);
    const attemptRows = await getDb().jobRunAttempt.count({ where: { runId: { in: [...ids] } } });
    expect(attemptRows).toBe(ids.size);
  });

  it("leaves runs scheduled for later, orphans and finished runs alone", async () => {
    await clearQueue();
    const business = await createBusiness();
    const later = await queueRun({ businessId: business.id, jobType: "test-noop", runAt: new Date(Date.now() + 3_600_000) });
    const orphan = await queueRun({ businessId: null, scope: "tenant", jobType: "test-noop" });
    const system = await queueRun({ businessId: null, scope: "system", jobType: "test-system-noop" });
    const claimed = await new RunQueue().claim({ workerId: "w", limit: 10 });
    expect(claimed.map((run) => run.id)).toEqual([system.id]);
    expect((await readRun(later.id)).status).toBe("queued");
    expect((await readRun(orphan.id)).status).toBe("queued");
  });

  it("takes a business's own runs by priority, then age", async () => {
    await clearQueue();
    const business = await createBusiness();
    const start = Date.now() - 60_000;
    const oldLow = await queueRun({ businessId: business.id, jobType: "test-noop", runAt: new Date(start) });
    const newHigh = await queueRun({ businessId: business.id, jobType: "test-noop", priority: 5, runAt: new Date(start + 2_000) });
    const oldHigh = await queueRun({ businessId: business.id, jobType: "test-noop", priority: 5, runAt: new Date(start + 1_000) });
    const queue = new RunQueue();
    const order: string[] = [];
    for (let index = 0; index < 3; index++) order.push(...(await queue.claim({ workerId: "w", limit: 1 })).map((run) => run.id));
    expect(order).toEqual([oldHigh.id, newHigh.id, oldLow.id]);
  });

  it("reads the database clock, not the process clock", async () => {
    const before = Date.now();
    // The process clock is set a day back; only the database still tells the real time.
    vi.useFakeTimers({ toFake: ["Date"], now: before - 24 * 3600_000 });
    let now: Date;
    try {
      now = await new RunQueue().now();
    } finally {
      vi.useRealTimers();
    }
    const after = Date.now();
    // Whole milliseconds on both sides; the database may round its fraction of one.
    expect(now.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(now.getTime()).toBeLessThanOrEqual(after + 1);
  });
});
