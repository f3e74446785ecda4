import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { testDatabaseProvider } from "@/test-support/test-database-provider";
import { PROCESS_TEST_TIMEOUT_MS, PROCESS_WAIT_MS } from "../../../test-support/child-process";
import { createBusiness, queueRun, readAttempts, readRun, waitFor } from "../../../test-support/fixtures";
import { createGate } from "../../../test-support/gates";
import { AT_THE_GATE } from "../../../test-support/test-jobs";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { runsByStatus } from "./support/run-census";
import { ciOrLong, longVariant } from "./support/scale";
import { WorkerFleet } from "./support/worker-fleet";

// Runs wait at gates the test opens: the short ones once the shutdown has begun, the long ones
// only after the first worker is gone. A slow machine changes how long the test takes, not what it sees.
const GRACE_MS = 5_000;
const LONG_RUNS = ciOrLong(3, 12);
const SHORT_RUNS = ciOrLong(3, 12);

describe.runIf(testDatabaseProvider() === "postgresql")("SIGTERM with runs in flight on PostgreSQL", () => {
  const { database, spawnTs } = useTempDatabase();

  it(
    "finishes the runs that fit in the grace period, releases the others without using up their attempt, and a new worker finishes them",
    async () => {
      const startedAt = performance.now();
      const business = await createBusiness();
      const shortGate = createGate(database.dir, "short");
      const longGate = createGate(database.dir, "long");
      const short = await Promise.all(
        Array.from({ length: SHORT_RUNS }, () => queueRun({ businessId: business.id, jobType: "test-gate", params: { gate: shortGate.path } })),
      );
      const long = await Promise.all(
        Array.from({ length: LONG_RUNS }, () => queueRun({ businessId: business.id, jobType: "test-gate", params: { gate: longGate.path } })),
      );
      // One long run already used an attempt before: its count must come back to 1, not to 0.
      const secondTry = long[0]!;
      await getDb().jobRun.update({ where: { id: secondTry.id }, data: { attempt: 1 } });
      const attemptBefore = new Map(long.map((run) => [run.id, run.id === secondTry.id ? 1 : 0]));

      const env = {
        ...database.env,
        WORKER_CONCURRENCY: String(SHORT_RUNS + LONG_RUNS),
        WORKER_POLL_INTERVAL_MS: "100",
        WORKER_HEARTBEAT_MS: "300",
        WORKER_SHUTDOWN_GRACE_MS: String(GRACE_MS),
        WORKER_RUN_SCHEDULER: "false",
      };
      const first = new WorkerFleet(spawnTs, { name: "first", env });
      first.start(1);
      await first.ready(PROCESS_WAIT_MS);
      await waitFor(async () => (await getDb().jobRun.count({ where: { status: "running", progressMessage: AT_THE_GATE } })) === SHORT_RUNS + LONG_RUNS, {
        timeoutMs: PROCESS_WAIT_MS,
        what: "every run's handler to start",
      });

      const stopping = first.stopGracefully();
      await first.workers[0]!.process.waitForLine(/SIGTERM received/);
      shortGate.open();
      const [stopped] = await stopping;
      const output = first.lines().join("\n");
      expect(stopped?.code, output).toBe(0);
      expect(output).toMatch(new RegExp(`exit-summary \\{"finished":${SHORT_RUNS},"aborted":${LONG_RUNS},"unstarted":0\\}`));

      for (const run of short) {
        expect(await readRun(run.id)).toMatchObject({ status: "succeeded", attempt: 1 });
        expect((await readAttempts(run.id)).map(({ status, workerId }) => ({ status, workerId }))).toEqual([
          { status: "succeeded", workerId: "first-0" },
        ]);
      }
      for (const run of long) {
        const before = attemptBefore.get(run.id)!;
        expect(await readRun(run.id)).toMatchObject({ status: "queued", attempt: before, leaseId: null, lockedBy: null, startedAt: null });
        expect((await readAttempts(run.id)).map(({ status, attempt }) => ({ status, attempt }))).toEqual([
          { status: "released", attempt: before + 1 },
        ]);
      }

      longGate.open();
      const second = new WorkerFleet(spawnTs, { name: "second", env });
      second.start(1);
      await waitFor(
        async () => {
          second.assertAlive();
          return (await runsByStatus()).succeeded === SHORT_RUNS + LONG_RUNS;
        },
        { timeoutMs: PROCESS_WAIT_MS, intervalMs: 200, what: "the released runs to be finished by the next worker" },
      );
      for (const run of long) {
        const before = attemptBefore.get(run.id)!;
        // The released attempt and the finishing one share a number: the release did not count.
        expect(await readRun(run.id)).toMatchObject({ status: "succeeded", attempt: before + 1 });
        expect((await readAttempts(run.id)).map(({ status, attempt, workerId }) => ({ status, attempt, workerId }))).toEqual([
          { status: "released", attempt: before + 1, workerId: "first-0" },
          { status: "succeeded", attempt: before + 1, workerId: "second-0" },
        ]);
      }
      const [secondExit] = await second.stopGracefully();
      expect(secondExit?.code).toBe(0);

      console.log(
        `[reliability sigterm${longVariant ? " long" : ""}] ${SHORT_RUNS} short runs finished in the ${GRACE_MS} ms grace, ` +
          `${LONG_RUNS} long runs released and finished by the next worker; ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
      );
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
