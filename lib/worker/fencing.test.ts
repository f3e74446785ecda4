import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createBusiness, queueRun, readAttempts, readRun } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { RunQueue, type ClaimedRun } from "./claim";

useTempDatabase();
const queue = () => new RunQueue();

/** A run claimed by a worker that then went silent, rescued and claimed again by another worker. */
async function staleAndCurrentLease(): Promise<{ stale: ClaimedRun; current: ClaimedRun }> {
  const business = await createBusiness();
  const run = await queueRun({ businessId: business.id, jobType: "test-noop" });
  const stale = await queue().claimById({ runId: run.id, workerId: "presumed-dead" });
  await getDb().jobRun.update({ where: { id: run.id }, data: { heartbeatAt: new Date(Date.now() - 600_000) } });
  expect(await queue().rescue({ runId: run.id, leaseId: stale!.leaseId, staleAfterMs: 60_000, message: "stalled" })).toBe("requeued");
  const current = await queue().claimById({ runId: run.id, workerId: "alive" });
  return { stale: stale!, current: current! };
}

describe("fenced settling", () => {
  it("refuses a late completion from a stale lease and keeps the newer attempt's state", async () => {
    const { stale, current } = await staleAndCurrentLease();
    expect(current.attempt).toBe(2);

    expect(await queue().complete({ runId: stale.id, leaseId: stale.leaseId, result: JSON.stringify({ late: true }) })).toBe(false);
    expect(await queue().fail({ runId: stale.id, leaseId: stale.leaseId, error: { message: "late", stack: null }, retryInMs: 10 })).toBe("lost");
    expect(await queue().updateProgress({ runId: stale.id, leaseId: stale.leaseId, fraction: 0.9, message: "late" })).toBe(false);
    expect(await queue().release({ runId: stale.id, leaseId: stale.leaseId })).toBe(false);
    expect(await queue().heartbeat([{ runId: stale.id, leaseId: stale.leaseId }])).toEqual(new Set());

    const row = await readRun(stale.id);
    expect(row).toMatchObject({ status: "running", leaseId: current.leaseId, lockedBy: "alive", attempt: 2, result: null, progress: null });

    expect(await queue().complete({ runId: current.id, leaseId: current.leaseId, result: JSON.stringify({ ok: 1 }) })).toBe(true);
    expect(await readRun(stale.id)).toMatchObject({ status: "succeeded", result: { ok: 1 } });
    // A second completion with the same lease is refused too: the lease ends with the run.
    expect(await queue().complete({ runId: current.id, leaseId: current.leaseId, result: null })).toBe(false);
  });

  it("closes each attempt row once, by whoever ended it", async () => {
    const { stale, current } = await staleAndCurrentLease();
    await queue().finishAttempt({ runId: stale.id, leaseId: stale.leaseId, status: "succeeded" });
    await queue().complete({ runId: current.id, leaseId: current.leaseId, result: null });
    await queue().finishAttempt({ runId: current.id, leaseId: current.leaseId, status: "succeeded" });
    const attempts = await readAttempts(stale.id);
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status])).toEqual([
      [1, "rescued"],
      [2, "succeeded"],
    ]);
  });

  it("loses the lease when the run is cancelled from the API", async () => {
    const business = await createBusiness();
    const run = await queueRun({ businessId: business.id, jobType: "test-noop" });
    const claimed = (await queue().claimById({ runId: run.id, workerId: "w" }))!;
    expect(await queue().heartbeat([{ runId: run.id, leaseId: claimed.leaseId }])).toEqual(new Set([claimed.leaseId]));
    await getDb().jobRun.update({ where: { id: run.id }, data: { status: "cancelled", leaseId: null, lockedBy: null } });
    expect(await queue().heartbeat([{ runId: run.id, leaseId: claimed.leaseId }])).toEqual(new Set());
    expect(await queue().complete({ runId: run.id, leaseId: claimed.leaseId, result: null })).toBe(false);
    expect((await readRun(run.id)).status).toBe("cancelled");
  });

  it("releases a run without using up its attempt", async () => {
    const business = await createBusiness();
    const run = await queueRun({ businessId: business.id, jobType: "test-noop" });
    const claimed = (await queue().claimById({ runId: run.id, workerId: "w" }))!;
    expect(claimed.attempt).toBe(1);
    expect(await queue().release({ runId: run.id, leaseId: claimed.leaseId })).toBe(true);
    expect(await readRun(run.id)).toMatchObject({ status: "queued", attempt: 0, leaseId: null, lockedBy: null });
  });
});
