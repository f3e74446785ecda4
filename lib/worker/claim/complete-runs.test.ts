import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/db/sql";
import { cancelJobRun } from "@/lib/job-runs/manage-service";
import { businessScope } from "@/lib/tenancy";
import { actorFor, createBusiness, createUser, queueRun, readAttempts, readLogs, readRun } from "../../../test-support/fixtures";
import { testDatabaseProvider } from "../../../test-support/test-database-provider";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import type { ClaimedRun } from "./claimed-run";
import type { Completion } from "./complete-runs";
import type { LogLine } from "./queue-types";
import { RunQueue } from "./run-queue";

useTempDatabase();

async function clearQueue() {
  await getDb().jobRun.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "cancelled", leaseId: null } });
}

async function claimRuns(businessId: string, count: number): Promise<ClaimedRun[]> {
  for (let index = 0; index < count; index++) await queueRun({ businessId, jobType: "test-noop" });
  const claimed = await new RunQueue().claim({ workerId: "w1", limit: count });
  expect(claimed).toHaveLength(count);
  return claimed;
}

function line(run: ClaimedRun, message: string): LogLine {
  return { runId: run.id, businessId: run.businessId, attempt: run.attempt, level: "info", message };
}

function completionOf(run: ClaimedRun): Completion {
  return {
    runId: run.id,
    leaseId: run.leaseId,
    result: JSON.stringify({ run: run.id }),
    logs: [line(run, "handler line")],
    logsIfSettled: [line(run, "Succeeded")],
  };
}

async function countRows() {
  const db = getDb();
  return {
    logs: await db.jobRunLog.count(),
    succeededRuns: await db.jobRun.count({ where: { status: "succeeded" } }),
    succeededAttempts: await db.jobRunAttempt.count({ where: { status: "succeeded" } }),
  };
}

describe("completing a batch of runs", () => {
  it("settles only the runs whose lease still holds, and writes the closing lines only for those", async () => {
    await clearQueue();
    const business = await createBusiness();
    const admin = await createUser({ memberships: [{ businessId: business.id, role: "admin" }] });
    const [first, cancelled, second, releasedAndReclaimed] = await claimRuns(business.id, 4);
    await cancelJobRun({ scope: businessScope(business.id), actor: actorFor(admin, business.id), id: cancelled!.id });
    // The lease of this one moves to another worker: the run is running again, under a newer lease.
    const queue = new RunQueue();
    expect(await queue.release({ runId: releasedAndReclaimed!.id, leaseId: releasedAndReclaimed!.leaseId })).toBe(true);
    const reclaimed = await queue.claimById({ runId: releasedAndReclaimed!.id, workerId: "w2" });
    expect(reclaimed?.leaseId).toBeDefined();

    const settled = await queue.completeMany([first!, cancelled!, second!, releasedAndReclaimed!].map(completionOf));

    expect(settled).toEqual(new Set([first!.leaseId, second!.leaseId]));
    for (const run of [first!, second!]) {
      expect(await readRun(run.id)).toMatchObject({ status: "succeeded", leaseId: null, lockedBy: null, progress: 1, result: { run: run.id } });
      const attempts = await readAttempts(run.id);
      expect(attempts.map((attempt) => attempt.status)).toEqual(["succeeded"]);
      expect(attempts[0]?.finishedAt).not.toBeNull();
      expect((await readLogs(run.id)).map((entry) => entry.message)).toEqual(["handler line", "Succeeded"]);
    }

    expect(await readRun(cancelled!.id)).toMatchObject({ status: "cancelled", leaseId: null, result: null });
    expect((await readAttempts(cancelled!.id)).map((attempt) => attempt.status)).toEqual(["cancelled"]);
    expect((await readLogs(cancelled!.id)).map((entry) => entry.message)).toEqual(["handler line"]);

    expect(await readRun(releasedAndReclaimed!.id)).toMatchObject({ status: "running", leaseId: reclaimed!.leaseId, lockedBy: "w2", result: null });
    expect((await readAttempts(releasedAndReclaimed!.id)).map((attempt) => [attempt.leaseId, attempt.status])).toEqual([
      [releasedAndReclaimed!.leaseId, "released"],
      [reclaimed!.leaseId, "running"],
    ]);
    expect((await readLogs(releasedAndReclaimed!.id)).map((entry) => entry.message)).toEqual(["handler line"]);
  });

  it("answers no lease and writes nothing for an empty batch", async () => {
    await clearQueue();
    const business = await createBusiness();
    await claimRuns(business.id, 2);
    const before = await countRows();

    expect(await new RunQueue().completeMany([])).toEqual(new Set());
    expect(await countRows()).toEqual(before);
  });

  it("writes the handler's lines but no closing line when every lease of the batch was lost", async () => {
    await clearQueue();
    const business = await createBusiness();
    const admin = await createUser({ memberships: [{ businessId: business.id, role: "admin" }] });
    const runs = await claimRuns(business.id, 2);
    for (const run of runs) await cancelJobRun({ scope: businessScope(business.id), actor: actorFor(admin, business.id), id: run.id });
    const before = await countRows();

    expect(await new RunQueue().completeMany(runs.map(completionOf))).toEqual(new Set());
    expect(await countRows()).toEqual({ ...before, logs: before.logs + runs.length });
    for (const run of runs) {
      expect(await readRun(run.id)).toMatchObject({ status: "cancelled" });
      expect((await readLogs(run.id)).map((entry) => entry.message)).toEqual(["handler line"]);
    }
  });

  it("writes a run's closing line after the handler's lines, alone as in a batch", async () => {
    await clearQueue();
    const business = await createBusiness();
    const [alone, batched] = await claimRuns(business.id, 2);
    const queue = new RunQueue();
    const lines = (run: ClaimedRun) => ({ logs: [line(run, "first"), line(run, "last")], logsIfSettled: [line(run, "Succeeded")] });

    expect(await queue.complete({ ...completionOf(alone!), ...lines(alone!) })).toBe(true);
    expect(await queue.completeMany([{ ...completionOf(batched!), ...lines(batched!) }])).toEqual(new Set([batched!.leaseId]));
    for (const run of [alone!, batched!]) {
      expect((await readLogs(run.id)).map((entry) => entry.message)).toEqual(["first", "last", "Succeeded"]);
    }
  });
});

describe.runIf(testDatabaseProvider() === "postgresql")("a batch completion beside a heartbeat of the same runs", () => {
  it("never deadlocks with it, whatever order each finds the rows in", async () => {
    await clearQueue();
    const queue = new RunQueue();
    for (let round = 0; round < 10; round++) {
      const business = await createBusiness();
      await getDb().$executeRaw(Prisma.sql`
        INSERT INTO job_runs (id, business_id, scope, job_type, status, params, priority, run_at, created_at, updated_at)
        SELECT md5(random()::text || i::text), ${business.id}, 'tenant', 'test-noop', 'queued', '{}', i, now(), now(), now()
        FROM generate_series(1, 200) AS i`);
      const claimed = await queue.claim({ workerId: "w1", limit: 200 });
      // Each statement locks the rows one by one: in index, join or shuffled order they would cross.
      const shuffled = [...claimed].sort(() => Math.random() - 0.5);
      const [beaten, completed] = await Promise.all([
        queue.heartbeat(shuffled.map(({ id, leaseId }) => ({ runId: id, leaseId }))),
        queue.completeMany(claimed.map((run) => ({ runId: run.id, leaseId: run.leaseId, result: null }))),
      ]);
      expect(completed.size).toBe(claimed.length);
      expect(beaten.size).toBeLessThanOrEqual(claimed.length);
    }
  });
});
