import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob } from "../jobs/define-job";
import { createBusiness, createUser, queueRun, readAttempts, readLogs, readRun, waitFor } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { testRegistry } from "../../test-support/test-jobs";
import { executeNow } from "../../test-support/execute-now";
import { RunQueue, type ClaimedRun } from "./claim";
import { startRun } from "./execute-run";
import { LeaseKeeper } from "./lease-keeper";
import { startWorker, type WorkerHandle } from "./worker";

useTempDatabase();
const calls: string[] = [];

const recordingJob = defineJob({
  type: "test-recording",
  title: "Recording",
  description: "Notes that it ran.",
  scope: "tenant",
  params: z.object({ note: z.string() }).strict(),
  async run({ params, businessId, log, progress }) {
    calls.push(`${businessId}:${params.note}`);
    log.info(`note ${params.note}`);
    await progress(0.5, "half way");
    return { note: params.note };
  },
});
const jobs = testRegistry([recordingJob]);

function executeClaimed(run: ClaimedRun, queue: RunQueue) {
  return startRun({ run, queue, leases: new LeaseKeeper(queue, 1_000), jobs }).settled;
}

describe("executing a run", () => {
  it("runs the handler, stores result, progress, logs and a succeeded attempt", async () => {
    const business = await createBusiness();
    const { runId, outcome } = await executeNow({ jobs, jobType: "test-recording", businessId: business.id, params: { note: "hello" } });
    expect(outcome).toEqual({ status: "succeeded", result: { note: "hello" } });
    const run = await readRun(runId);
    expect(run).toMatchObject({ status: "succeeded", result: { note: "hello" }, progress: 1, leaseId: null, lockedBy: null });
    expect(run.finishedAt).not.toBeNull();
    expect((await readAttempts(runId)).map((attempt) => attempt.status)).toEqual(["succeeded"]);
    expect((await readLogs(runId)).map((line) => line.message)).toContain("note hello");
  });

  it("refuses a suspended business before the handler runs", async () => {
    const business = await createBusiness({ status: "suspended", name: "Sleepy" });
    const before = calls.length;
    const { runId, outcome } = await executeNow({ jobs, jobType: "test-recording", businessId: business.id, params: { note: "x" } });
    expect(outcome.status).toBe("failed");
    expect(calls.length).toBe(before);
    const run = await readRun(runId);
    expect(run.status).toBe("failed");
    expect(run.errorMessage).toMatch(/Business "Sleepy" is suspended; the run was not executed/);
    expect((await readAttempts(runId))[0]?.status).toBe("failed");
  });

  it("refuses a tenant run without a business (fail closed), without retrying", async () => {
    const before = calls.length;
    const orphan = await queueRun({ businessId: null, scope: "tenant", jobType: "test-recording", params: { note: "x" } });
    const queue = new RunQueue();
    const run = await queue.claimById({ runId: orphan.id, workerId: "w" });
    expect(run).not.toBeNull();
    const outcome = await executeClaimed(run!, queue);
    expect(outcome.status).toBe("failed");
    expect(calls.length).toBe(before);
    expect((await readRun(orphan.id)).errorMessage).toMatch(/^FAIL-CLOSED/);
  });

  it("refuses a run whose actor no longer belongs to the business", async () => {
    const business = await createBusiness();
    const outsider = await createUser();
    const member = await createUser({ memberships: [{ businessId: business.id, role: "member" }] });
    const refused = await executeNow({ jobs, jobType: "test-recording", businessId: business.id, params: { note: "x" }, triggeredByUserId: outsider.id });
    expect(refused.outcome.status).toBe("failed");
    expect((await readRun(refused.runId)).errorMessage).toMatch(/no longer belongs to the business/);
    const allowed = await executeNow({ jobs, jobType: "test-recording", businessId: business.id, params: { note: "y" }, triggeredByUserId: member.id });
    expect(allowed.outcome.status).toBe("succeeded");
  });

  it("fails at once on params the job does not accept", async () => {
    const business = await createBusiness();
    const { runId, outcome } = await executeNow({ jobs, jobType: "test-recording", businessId: business.id, params: { note: 5 } });
    expect(outcome.status).toBe("failed");
    expect((await readRun(runId)).attempt).toBe(1);
  });

  it("retries a failing handler with backoff and fails it when attempts are used up", async () => {
    const business = await createBusiness();
    const first = await executeNow({ jobs, jobType: "test-flaky", businessId: business.id, params: { failTimes: 5 }, maxAttempts: 2 });
    expect(first.outcome.status).toBe("retrying");
    const queued = await readRun(first.runId);
    expect(queued.status).toBe("queued");
    expect(queued.errorMessage).toBe("planned failure 1");
    // test-flaky: baseMs 20, jitter 0.25 → the first retry waits 15–20 ms after the failure.
    const delay = queued.runAt.getTime() - queued.updatedAt.getTime();
    expect(delay).toBeGreaterThanOrEqual(15);
    expect(delay).toBeLessThanOrEqual(20);

    const queue = new RunQueue();
    const again = await waitFor(() => queue.claimById({ runId: first.runId, workerId: "w" }).then((run) => run ?? undefined), { what: "retry due" });
    expect(again.attempt).toBe(2);
    const outcome = await executeClaimed(again, queue);
    expect(outcome.status).toBe("failed");
    const failed = await readRun(first.runId);
    expect(failed).toMatchObject({ status: "failed", attempt: 2, errorMessage: "planned failure 2" });
    expect((await readAttempts(first.runId)).map((attempt) => attempt.status)).toEqual(["failed", "failed"]);
  });

  it("aborts a handler at its timeout and records a timed_out attempt", async () => {
    const business = await createBusiness();
    const { runId, outcome } = await executeNow({ jobs, jobType: "test-timeout", businessId: business.id, maxAttempts: 1 });
    expect(outcome).toMatchObject({ status: "failed", error: "Timed out after 300 ms" });
    expect((await readAttempts(runId))[0]?.status).toBe("timed_out");
  });

  it("settles on time even when the handler ignores its signal, and drops its late writes", async () => {
    const business = await createBusiness();
    const { runId, outcome } = await executeNow({ jobs, jobType: "test-stubborn", businessId: business.id, params: { ms: 1_500 }, maxAttempts: 1 });
    expect(outcome.status).toBe("failed");
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    // The handler finished after the timeout; its completion must not have overwritten the failure.
    expect((await readRun(runId)).status).toBe("failed");
  });

  it("retries through the worker until the handler succeeds", async () => {
    const business = await createBusiness();
    const run = await queueRun({ businessId: business.id, jobType: "test-flaky", params: { failTimes: 2 } });
    const worker: WorkerHandle = startWorker({ jobs, concurrency: 2, pollIntervalMs: 20, heartbeatMs: 200, rescueAfterMs: 60_000, shutdownGraceMs: 1_000, log: () => {} });
    try {
      const done = await waitFor(async () => {
        const row = await readRun(run.id);
        return row.status === "succeeded" ? row : undefined;
      }, { what: "the flaky run to succeed" });
      expect(done.attempt).toBe(3);
      expect((await readAttempts(run.id)).map((attempt) => attempt.status)).toEqual(["failed", "failed", "succeeded"]);
    } finally {
      await worker.stop();
    }
  });
});
