import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { testDatabaseProvider } from "@/test-support/test-database-provider";
import { createBusiness, queueRun, readAttempts, readRun, waitFor } from "../../../test-support/fixtures";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { runsByStatus } from "./support/run-census";
import { ciOrLong, longVariant } from "./support/scale";
import { WorkerFleet } from "./support/worker-fleet";

// Short runs end well inside the grace period, long ones well after it, with seconds of margin
// either way, so a slow machine changes how long the test takes, not what it sees.
const GRACE_MS = 5_000;
const SHORT_MS = [800, 1_400, 2_000];
const LONG_MS = 12_000;
const LONG_RUNS = ciOrLong(3, 12);
const SHORT_RUNS = ciOrLong(3, 12);

describe.runIf(testDatabaseProvider() === "postgresql")("SIGTERM with runs in flight on PostgreSQL", () => {
  const { database, spawnTs } = useTempDatabase();

  it(
    "finishes the runs that fit in the grace period, releases the others without using up their attempt, and a new worker finishes them",
    async () => {
      const startedAt = performance.now();
      const business = await createBusiness();
      const short = await Promise.all(
        Array.from({ length: SHORT_RUNS }, (_, index) =>
          queueRun({ businessId: business.id, jobType: "test-sleep", params: { ms: SHORT_MS[index % SHORT_MS.length]! } }),
        ),
      );
      const long = await Promise.all(
        Array.from({ length: LONG_RUNS }, () => queueRun({ businessId: business.id, jobType: "test-sleep", params: { ms: LONG_MS } })),
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
      await first.ready();
      await waitFor(async () => (await runsByStatus()).running === SHORT_RUNS + LONG_RUNS, {
        timeoutMs: 30_000,
        what: "every run to be claimed",
      });

      const [stopped] = await first.stopGracefully();
      const output = first.lines().join("\n");
      expect(stopped?.code, output).toBe(0);
      expect(output).toMatch(new RegExp(`exit-summary \\{"finished":${SHORT_RUNS},"aborted":${LONG_RUNS}\\}`));

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

      const second = new WorkerFleet(spawnTs, { name: "second", env });
      second.start(1);
      await waitFor(
        async () => {
          second.assertAlive();
          return (await runsByStatus()).succeeded === SHORT_RUNS + LONG_RUNS;
        },
        { timeoutMs: 90_000, intervalMs: 200, what: "the released runs to be finished by the next worker" },
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
    180_000,
  );
});
