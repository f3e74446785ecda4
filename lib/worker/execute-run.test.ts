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
import { RunAbortedError } from "./run-abort";
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
let heldLateWriter: { runId: string; release(): void; finished: Promise<{ progressError: unknown }> } | undefined;

/** Ignores its signal, waits until the test releases it, then logs, reports progress and returns. */
const lateWriterJob = defineJob({
  type: "test-late-writer",
  title: "Late writer",
  description: "Writes after its run was settled without it.",
  scope: "tenant",
  params: z.object({}).strict(),
  timeoutMs: 300,
  run({ runId, log, progress }) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const finished = released.then(async () => {
      log.info("late line");
      const progressError = await progress(1, "late progress").then(
        () => null,
        (error: unknown) => error,
      );
      return { progressError };
    });
    heldLateWriter = { runId, release, finished };
    return finished.then(() => ({ late: true }));
  },
});
const jobs = testRegistry([recordingJob, lateWriterJob]);

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
    const echoed: string[] = [];
    const execution = executeNow({
      jobs,
      jobType: "test-late-writer",
      businessId: business.id,
      maxAttempts: 1,
      observer: { onLog: (_run, _level, message) => echoed.push(message), onProgress: (_run, _fraction, message) => echoed.push(`progress: ${message}`) },
    });
    try {
      const handler = await waitFor(() => heldLateWriter, { what: "the handler to start" });
      // The handler is held until its run is failed without it, so everything it does afterwards is late.
      await waitFor(async () => (await readRun(handler.runId)).status === "failed", { what: "the run to fail at its timeout while its handler still runs" });
      handler.release();
      const { progressError } = await handler.finished;
      const { runId, outcome } = await execution;

      expect(outcome).toEqual({ status: "failed", error: "Timed out after 300 ms" });
      expect(progressError).toBeInstanceOf(RunAbortedError);
      expect(echoed).toContain("Attempt 1 of 1 started by test-worker");
      expect(echoed).not.toContain("late line");
      expect(echoed).not.toContain("progress: late progress");
      const run = await readRun(runId);
      expect(run).toMatchObject({ status: "failed", errorMessage: "Timed out after 300 ms", result: null, progressMessage: null });
      expect(run.progress ?? 0).toBe(0);
      expect((await readLogs(runId)).map((line) => line.message)).not.toContain("late line");
      expect((await readAttempts(runId)).map((attempt) => attempt.status)).toEqual(["timed_out"]);
    } finally {
      heldLateWriter?.release();
    }
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
