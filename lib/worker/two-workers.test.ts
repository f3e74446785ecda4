import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { PROCESS_TEST_TIMEOUT_MS, PROCESS_WAIT_MS } from "../../test-support/child-process";
import { createBusiness, queueRun, waitFor } from "../../test-support/fixtures";
import { createGate } from "../../test-support/gates";
import { AT_THE_GATE } from "../../test-support/test-jobs";
import { useTempDatabase } from "../../test-support/use-temp-database";

const { database, spawnTs } = useTempDatabase();

describe("two worker processes on one queue", () => {
  it("execute every run exactly once between them", async () => {
    const workerEnv = { ...database.env, WORKER_CONCURRENCY: "4", WORKER_POLL_INTERVAL_MS: "50", WORKER_RUN_SCHEDULER: "false" };
    const workers = [0, 1].map((index) => spawnTs("test-support/worker-entry.ts", { env: { ...workerEnv, WORKER_ID: `worker-${index}` } }));
    await Promise.all(workers.map((worker) => worker.waitForLine(/Started:/)));

    // Every run waits at one gate until both workers hold a full load of them: neither can take
    // more than its concurrency, so both take part however unevenly the machine schedules them.
    const gate = createGate(database.dir, "all");
    const businesses = [await createBusiness(), await createBusiness(), await createBusiness()];
    const ids: string[] = [];
    for (let index = 0; index < 120; index++) {
      ids.push((await queueRun({ businessId: businesses[index % 3]!.id, jobType: "test-gate", params: { gate: gate.path } })).id);
    }
    await waitFor(async () => (await getDb().jobRun.count({ where: { id: { in: ids }, status: "running", progressMessage: AT_THE_GATE } })) === 8, {
      timeoutMs: PROCESS_WAIT_MS,
      what: "both workers to hold four runs each",
    });
    gate.open();

    await waitFor(async () => (await getDb().jobRun.count({ where: { id: { in: ids }, status: "succeeded" } })) === ids.length, {
      timeoutMs: PROCESS_WAIT_MS,
      intervalMs: 200,
      what: "all runs to succeed",
    });
    for (const worker of workers) worker.child.kill("SIGTERM");
    await Promise.all(workers.map((worker) => worker.exited));

    const attempts = await getDb().jobRunAttempt.findMany({ where: { runId: { in: ids } } });
    expect(attempts).toHaveLength(ids.length);
    expect(new Set(attempts.map((attempt) => attempt.runId)).size).toBe(ids.length);
    expect(attempts.every((attempt) => attempt.status === "succeeded" && attempt.attempt === 1)).toBe(true);
    // Both processes took part, so the absence of doubles is not an accident of one idle worker.
    expect(new Set(attempts.map((attempt) => attempt.workerId))).toEqual(new Set(["worker-0", "worker-1"]));
  }, PROCESS_TEST_TIMEOUT_MS);
});
