import { describe, expect, it } from "vitest";
import { PROCESS_TEST_TIMEOUT_MS, PROCESS_WAIT_MS } from "../../test-support/child-process";
import { createBusiness, queueRun, readAttempts, readRun, waitFor } from "../../test-support/fixtures";
import { createGate } from "../../test-support/gates";
import { AT_THE_GATE } from "../../test-support/test-jobs";
import { useTempDatabase } from "../../test-support/use-temp-database";

const { database, spawnTs } = useTempDatabase();

describe("graceful shutdown of a worker process", () => {
  it("on SIGTERM lets short runs finish, then releases the rest without using up their attempt", async () => {
    const business = await createBusiness();
    const gate = createGate(database.dir, "short");
    const short = await queueRun({ businessId: business.id, jobType: "test-gate", params: { gate: gate.path } });
    const long = await queueRun({ businessId: business.id, jobType: "test-sleep", params: { ms: 120_000 } });
    const worker = spawnTs("test-support/worker-entry.ts", {
      env: {
        ...database.env,
        WORKER_CONCURRENCY: "2",
        WORKER_POLL_INTERVAL_MS: "100",
        WORKER_HEARTBEAT_MS: "300",
        WORKER_SHUTDOWN_GRACE_MS: "6000",
        WORKER_RUN_SCHEDULER: "false",
      },
    });
    await worker.waitForLine(/Started: concurrency 2/);
    // Both handlers have started (each reported its first progress), so both are in flight at the signal.
    await waitFor(async () => (await readRun(short.id)).progressMessage === AT_THE_GATE && (await readRun(long.id)).progressMessage === "sleeping", {
      timeoutMs: PROCESS_WAIT_MS,
      what: "both handlers to start",
    });

    worker.child.kill("SIGTERM");
    await worker.waitForLine(/SIGTERM received/);
    // The short run can finish only now, inside the grace period; the long one outlasts it.
    gate.open();
    const exit = await worker.exited;
    expect(exit.code, worker.output()).toBe(0);
    expect(worker.output()).toMatch(/exit-summary \{"finished":1,"aborted":1,"unstarted":0\}/);

    expect(await readRun(short.id)).toMatchObject({ status: "succeeded", attempt: 1 });
    const released = await readRun(long.id);
    expect(released).toMatchObject({ status: "queued", attempt: 0, leaseId: null, lockedBy: null });
    expect((await readAttempts(long.id)).map((attempt) => attempt.status)).toEqual(["released"]);
  }, PROCESS_TEST_TIMEOUT_MS);
});
