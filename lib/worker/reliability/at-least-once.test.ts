import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROCESS_TEST_TIMEOUT_MS, PROCESS_WAIT_MS } from "../../../test-support/child-process";
import { createBusiness, queueRun, readAttempts, readLogs, readRun, waitFor } from "../../../test-support/fixtures";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { WorkerFleet } from "./support/worker-fleet";
import { repeated, succeededRunsReported } from "./support/worker-output";

const { database, spawnTs } = useTempDatabase();

const HEARTBEAT_MS = 300;
const RESCUE_AFTER_MS = 2_000;
// Longer than the test: the victim's success is never written on its own.
const HELD_BACK_MS = 60_000;
const RESCUED_MESSAGE = `The worker stopped responding (no heartbeat for over ${RESCUE_AFTER_MS / 1000} s); attempt 1 was abandoned`;

const workerEnv = (extra: Record<string, string> = {}) => ({
  ...database.env,
  WORKER_CONCURRENCY: "1",
  WORKER_POLL_INTERVAL_MS: "100",
  WORKER_HEARTBEAT_MS: String(HEARTBEAT_MS),
  WORKER_RESCUE_AFTER_MS: String(RESCUE_AFTER_MS),
  WORKER_SHUTDOWN_GRACE_MS: "10000",
  WORKER_RUN_SCHEDULER: "false",
  ...extra,
});

/** Attempt numbers in the order the handler ended, one per line of the run's tally file. */
function handlerEnds(tally: string): string[] {
  return existsSync(tally) ? readFileSync(tally, "utf8").split("\n").filter(Boolean) : [];
}

/**
 * Lets a worker whose successes wait a minute for their batch run the handler to its end, then
 * SIGKILLs it while the success is still unwritten: the run must still be `running` under that
 * worker's lease, kept alive by its heartbeat after the handler ended.
 */
async function killWithSuccessUnwritten({ name, runId, tally }: { name: string; runId: string; tally: string }): Promise<string> {
  const victim = new WorkerFleet(spawnTs, { name, env: workerEnv({ WORKER_COMPLETION_DELAY_MS: String(HELD_BACK_MS) }) });
  victim.start(1);
  await victim.ready(PROCESS_WAIT_MS);
  await waitFor(
    () => {
      victim.assertAlive();
      return handlerEnds(tally).length > 0;
    },
    { timeoutMs: PROCESS_WAIT_MS, what: "the handler to end" },
  );
  // A heartbeat after the handler ended: the worker still holds the lease, with the success in its batch.
  const endedAt = await readRun(runId);
  const held = await waitFor(
    async () => {
      const run = await readRun(runId);
      return (run.status !== "running" || run.heartbeatAt! > endedAt.heartbeatAt!) && run;
    },
    { timeoutMs: PROCESS_WAIT_MS, what: "a heartbeat after the handler ended" },
  );
  const workerId = victim.workers[0]!.id;
  expect(held, victim.tail(workerId)).toMatchObject({ status: "running", attempt: 1, lockedBy: workerId, leaseId: endedAt.leaseId });
  expect((await readAttempts(runId)).map(({ status, attempt }) => ({ status, attempt }))).toEqual([{ status: "running", attempt: 1 }]);
  await victim.kill(0);
  expect(handlerEnds(tally)).toEqual(["1"]);
  return workerId;
}

/**
 * Starts a second worker, waits until the run is finished (the rescue, then a new attempt if any)
 * and stops it gracefully: once stopped, it has nothing of the run left in flight, so the tally is final.
 */
async function rescueUntilFinished(name: string, runId: string) {
  const rescuer = new WorkerFleet(spawnTs, { name, env: workerEnv() });
  rescuer.start(1);
  const rescuerId = rescuer.workers[0]!.id;
  const finished = await waitFor(
    async () => {
      rescuer.assertAlive();
      const current = await readRun(runId);
      return ["succeeded", "failed", "cancelled"].includes(current.status) && current;
    },
    { timeoutMs: PROCESS_WAIT_MS, intervalMs: 100, what: "the rescued run to finish" },
  );
  const [exit] = await rescuer.stopGracefully();
  expect(exit, rescuer.tail(rescuerId)).toMatchObject({ code: 0, signal: null });
  return { rescuer, rescuerId, finished };
}

describe("a success still waiting for its batch when the worker is killed", () => {
  it("is run again after the rescue and recorded once, when the run has attempts left", async () => {
    const business = await createBusiness();
    const tally = path.join(database.dir, "tally-retried");
    const run = await queueRun({ businessId: business.id, jobType: "test-tally", params: { tally }, maxAttempts: 2 });
    const killed = await killWithSuccessUnwritten({ name: "held", runId: run.id, tally });

    const { rescuer, rescuerId, finished } = await rescueUntilFinished("rescuer", run.id);

    expect(finished).toMatchObject({ status: "succeeded", attempt: 2, errorMessage: null, leaseId: null, lockedBy: null });
    expect(finished.result).toEqual({ attempt: 2 });
    expect((await readAttempts(run.id)).map(({ status, attempt, workerId, errorMessage }) => ({ status, attempt, workerId, errorMessage }))).toEqual([
      { status: "rescued", attempt: 1, workerId: killed, errorMessage: RESCUED_MESSAGE },
      { status: "succeeded", attempt: 2, workerId: rescuerId, errorMessage: null },
    ]);
    // At least once: the handler ended twice, the success was recorded once.
    expect(handlerEnds(tally)).toEqual(["1", "2"]);
    expect(rescuer.lines().some((line) => line.includes("Rescued stalled runs: 1 queued again, 0 failed"))).toBe(true);
    expect(succeededRunsReported(rescuer.lines())).toEqual([{ workerId: rescuerId, runId: run.id }]);
    expect(repeated(succeededRunsReported(rescuer.lines()).map((entry) => entry.runId))).toEqual(new Map());
  }, PROCESS_TEST_TIMEOUT_MS);

  it("fails the run as abandoned, without running it again, when that was its last attempt", async () => {
    const business = await createBusiness();
    const tally = path.join(database.dir, "tally-last");
    const run = await queueRun({ businessId: business.id, jobType: "test-tally", params: { tally }, maxAttempts: 1 });
    const killed = await killWithSuccessUnwritten({ name: "last", runId: run.id, tally });

    const { rescuer, finished } = await rescueUntilFinished("last-rescuer", run.id);

    expect(finished).toMatchObject({ status: "failed", attempt: 1, errorMessage: RESCUED_MESSAGE, result: null, leaseId: null, lockedBy: null });
    expect(finished.finishedAt).not.toBeNull();
    expect((await readAttempts(run.id)).map(({ status, attempt, workerId, errorMessage }) => ({ status, attempt, workerId, errorMessage }))).toEqual([
      { status: "rescued", attempt: 1, workerId: killed, errorMessage: RESCUED_MESSAGE },
    ]);
    expect((await readLogs(run.id)).map((line) => line.message)).toContain(`${RESCUED_MESSAGE}; no attempts left, failed`);
    expect(handlerEnds(tally)).toEqual(["1"]);
    expect(rescuer.lines().some((line) => line.includes("Rescued stalled runs: 0 queued again, 1 failed"))).toBe(true);
    expect(succeededRunsReported(rescuer.lines())).toEqual([]);
  }, PROCESS_TEST_TIMEOUT_MS);
});
