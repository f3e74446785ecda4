import { describe, expect, it } from "vitest";
import { testDatabaseProvider } from "@/test-support/test-database-provider";
import { createBusiness, waitFor } from "../../../test-support/fixtures";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { queueRunsInBulk, refreshRunStatistics } from "./support/bulk-runs";
import {
  attemptsByStatus,
  repeatedAttemptNumbers,
  runsByStatus,
  runsSucceededMoreThanOnce,
  succeededAttemptsByWorker,
  succeededRunsWithoutOneSucceededAttempt,
} from "./support/run-census";
import { ciOrLong, longVariant } from "./support/scale";
import { WorkerFleet } from "./support/worker-fleet";
import { repeated, succeededRunsReported } from "./support/worker-output";

const WORKERS = ciOrLong(4, 8);
const RUNS = ciOrLong(2_000, 10_000);
// Several businesses, so the fair-share part of the claim statement is under contention too.
const BUSINESSES = 4;
const DRAIN_DEADLINE_MS = ciOrLong(150_000, 900_000);

describe.runIf(testDatabaseProvider() === "postgresql")("many worker processes on one PostgreSQL queue", () => {
  const { database, spawnTs } = useTempDatabase();

  it(
    `execute ${RUNS} runs on ${WORKERS} workers, each to success exactly once`,
    async () => {
      const fleet = new WorkerFleet(spawnTs, {
        name: "many",
        env: { ...database.env, WORKER_CONCURRENCY: "4", WORKER_POLL_INTERVAL_MS: "500", WORKER_RUN_SCHEDULER: "false" },
      });
      fleet.start(WORKERS);
      await fleet.ready();

      const businesses = await Promise.all(Array.from({ length: BUSINESSES }, () => createBusiness()));
      const ids: string[] = [];
      for (const business of businesses) {
        ids.push(...(await queueRunsInBulk({ businessId: business.id, jobType: "test-noop", count: RUNS / BUSINESSES })));
      }
      await refreshRunStatistics();
      const queuedAt = performance.now();
      await waitFor(
        async () => {
          fleet.assertAlive();
          return (await runsByStatus()).succeeded === RUNS;
        },
        { timeoutMs: DRAIN_DEADLINE_MS, intervalMs: 250, what: `all ${RUNS} runs to succeed` },
      );
      const drainMs = performance.now() - queuedAt;
      const exits = await fleet.stopGracefully();
      for (const exit of exits) expect(exit, fleet.tail(exit.id)).toEqual({ id: exit.id, code: 0, signal: null });

      expect(await runsByStatus()).toEqual({ succeeded: RUNS });
      expect(await repeatedAttemptNumbers()).toEqual([]);
      expect(await runsSucceededMoreThanOnce()).toEqual([]);
      expect(await succeededRunsWithoutOneSucceededAttempt()).toEqual([]);

      // The workers' own account must agree with the table: each run reported once, by the worker the table names.
      const reported = succeededRunsReported(fleet.lines());
      expect(repeated(reported.map((entry) => entry.runId))).toEqual(new Map());
      const reportedIds = new Set(reported.map((entry) => entry.runId));
      expect(ids.filter((id) => !reportedIds.has(id))).toEqual([]);
      expect(reported).toHaveLength(RUNS);
      const perWorker = Object.fromEntries(fleet.all.map((worker) => [worker.id, reported.filter((entry) => entry.workerId === worker.id).length]));
      expect(await succeededAttemptsByWorker()).toEqual(perWorker);
      // Every process took part, so the absence of doubles is not an accident of idle workers.
      expect(Object.values(perWorker).every((count) => count > 0)).toBe(true);

      console.log(
        `[reliability many-workers${longVariant ? " long" : ""}] ${WORKERS} workers, ${RUNS} runs: all succeeded once in ${(drainMs / 1000).toFixed(1)} s ` +
          `(${Math.round(RUNS / (drainMs / 1000))} runs/s); attempts ${JSON.stringify(await attemptsByStatus())}; per worker ${JSON.stringify(perWorker)}`,
      );
    },
    DRAIN_DEADLINE_MS + 120_000,
  );
});
