import { describe, expect, it } from "vitest";
import { createBusiness, queueRun, readAttempts, readRun, waitFor } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";

const { database, spawnTs } = useTempDatabase();

describe("graceful shutdown of a worker process", () => {
  it("on SIGTERM lets short runs finish, then releases the rest without using up their attempt", async () => {
    const business = await createBusiness();
    const short = await queueRun({ businessId: business.id, jobType: "test-sleep", params: { ms: 1_500 } });
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
    await waitFor(async () => (await readRun(short.id)).status === "running" && (await readRun(long.id)).status === "running", {
      timeoutMs: 30_000,
      what: "both runs to start",
    });

    worker.child.kill("SIGTERM");
    const exit = await worker.exited;
    expect(exit.code).toBe(0);
    expect(worker.output()).toMatch(/SIGTERM received/);
    expect(worker.output()).toMatch(/exit-summary \{"finished":1,"aborted":1\}/);

    expect(await readRun(short.id)).toMatchObject({ status: "succeeded", attempt: 1 });
    const released = await readRun(long.id);
    expect(released).toMatchObject({ status: "queued", attempt: 0, leaseId: null, lockedBy: null });
    expect((await readAttempts(long.id)).map((attempt) => attempt.status)).toEqual(["released"]);
  });
});
