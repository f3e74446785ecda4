import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createBusiness, queueRun, readAttempts, readLogs, readRun } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { RunQueue } from "./claim";
import { rescueStaleRuns } from "./rescue";

const { database, spawnTs } = useTempDatabase();

/** Claims a run, then makes its heartbeat look `ageMs` old, as if its worker had died. */
async function stalledRun({ businessId, maxAttempts = 3, ageMs = 600_000 }: { businessId: string; maxAttempts?: number; ageMs?: number }) {
  const run = await queueRun({ businessId, jobType: "test-noop", maxAttempts });
  const claimed = (await new RunQueue().claimById({ runId: run.id, workerId: "dead-worker" }))!;
  await getDb().jobRun.update({ where: { id: run.id }, data: { heartbeatAt: new Date(Date.now() - ageMs) } });
  return claimed;
}

describe("rescue", () => {
  it("re-queues a stalled run with attempts left and fails one without", async () => {
    const business = await createBusiness();
    const retryable = await stalledRun({ businessId: business.id, maxAttempts: 3 });
    const exhausted = await stalledRun({ businessId: business.id, maxAttempts: 1 });
    const fresh = await stalledRun({ businessId: business.id, ageMs: 0 });

    const summary = await rescueStaleRuns({ queue: new RunQueue(), staleAfterMs: 30_000 });
    expect(summary).toEqual({ requeued: 1, failed: 1 });

    expect(await readRun(retryable.id)).toMatchObject({ status: "queued", attempt: 1, leaseId: null, lockedBy: null });
    expect(await readRun(exhausted.id)).toMatchObject({ status: "failed", attempt: 1 });
    expect((await readRun(exhausted.id)).errorMessage).toMatch(/stopped responding/);
    expect(await readRun(fresh.id)).toMatchObject({ status: "running", leaseId: fresh.leaseId });
    expect((await readAttempts(retryable.id)).map((attempt) => attempt.status)).toEqual(["rescued"]);

    expect(await rescueStaleRuns({ queue: new RunQueue(), staleAfterMs: 30_000 })).toEqual({ requeued: 0, failed: 0 });
  });

  it("rescues each stalled run exactly once with two sweeper processes racing", async () => {
    await getDb().jobRun.updateMany({ where: { status: "running" }, data: { status: "cancelled", leaseId: null } });
    const business = await createBusiness();
    const stalled = [];
    for (let index = 0; index < 60; index++) stalled.push(await stalledRun({ businessId: business.id, maxAttempts: index % 4 === 0 ? 1 : 3 }));

    const startAt = String(Date.now() + 4_000);
    const sweepers = [0, 1].map(() => spawnTs("test-support/sweeper-entry.ts", { args: [startAt, "30000"], env: database.env }));
    const reports = await Promise.all(
      sweepers.map(async (sweeper) => JSON.parse((await sweeper.waitForLine(/^rescued /, 60_000)).slice("rescued ".length)) as { requeued: number; failed: number }),
    );
    await Promise.all(sweepers.map((sweeper) => sweeper.exited));

    const total = reports.reduce((sum, report) => ({ requeued: sum.requeued + report.requeued, failed: sum.failed + report.failed }), { requeued: 0, failed: 0 });
    expect(total).toEqual({ requeued: 45, failed: 15 });
    for (const run of stalled) {
      const attempts = await readAttempts(run.id);
      expect(attempts.map((attempt) => attempt.status)).toEqual(["rescued"]);
      const rescueLines = (await readLogs(run.id)).filter((line) => /stopped responding/.test(line.message));
      expect(rescueLines).toHaveLength(1);
      expect((await readRun(run.id)).attempt).toBe(1);
    }
  });
});
