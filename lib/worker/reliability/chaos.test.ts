import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { testDatabaseProvider } from "@/test-support/test-database-provider";
import { RunQueue } from "../claim";
import { createBusiness, waitFor } from "../../../test-support/fixtures";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { randomSleepParams } from "./support/bulk-runs";
import { keepQueueFed } from "./support/queue-feeder";
import { staleLeasesOnRunsRunningAgain } from "./support/stale-leases";
import { attemptsByStatus, repeatedAttemptNumbers, retriedRunCount, runsByStatus, runsSucceededMoreThanOnce, succeededRunsWithoutOneSucceededAttempt, unfinishedRunCount } from "./support/run-census";
import { ciOrLong, longVariant } from "./support/scale";
import { WorkerFleet } from "./support/worker-fleet";
import { repeated, succeededRunsReported } from "./support/worker-output";

const WORKERS = 6;
const CHAOS_MS = ciOrLong(30_000, 240_000);
const KILL_EVERY_MS = { min: 2_000, max: 4_000 };
const HEARTBEAT_MS = 300;
const RESCUE_AFTER_MS = 2_000;
// Time for the last victims' runs to be rescued and the small backlog to drain, on a busy machine.
const SETTLE_MARGIN_MS = 90_000;
const TERMINAL = ["succeeded", "failed", "cancelled"];
const FORGED_RESULT = JSON.stringify({ forgedBy: "a killed worker's lease" });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(testDatabaseProvider() === "postgresql")("workers killed at random while runs are in flight (PostgreSQL)", () => {
  const { database, spawnTs } = useTempDatabase();

  it(
    "loses no run, succeeds none twice, and fences every lease a killed worker held",
    async () => {
      const fleet = new WorkerFleet(spawnTs, {
        name: "chaos",
        env: {
          ...database.env,
          WORKER_CONCURRENCY: "3",
          WORKER_POLL_INTERVAL_MS: "200",
          WORKER_HEARTBEAT_MS: String(HEARTBEAT_MS),
          WORKER_RESCUE_AFTER_MS: String(RESCUE_AFTER_MS),
          WORKER_SHUTDOWN_GRACE_MS: "10000",
          WORKER_RUN_SCHEDULER: "false",
        },
      });
      fleet.start(WORKERS);
      await fleet.ready();

      const businesses = await Promise.all([createBusiness(), createBusiness(), createBusiness()]);
      const feeder = keepQueueFed({
        businessIds: businesses.map((business) => business.id),
        jobType: "test-sleep",
        params: randomSleepParams(50, 500),
        backlog: 15,
      });

      const queue = new RunQueue();
      const chaosStart = performance.now();
      const nextKillAt = () => performance.now() + KILL_EVERY_MS.min + Math.random() * (KILL_EVERY_MS.max - KILL_EVERY_MS.min);
      let killAt = nextKillAt();
      let kills = 0;
      let fencedWhileRunningAgain = 0;
      while (performance.now() - chaosStart < CHAOS_MS) {
        await sleep(200);
        fleet.assertAlive();
        // The fence's real case: the run was rescued and claimed again, and the old lease turns up.
        for (const lease of await staleLeasesOnRunsRunningAgain(fleet.killed)) {
          expect(await queue.complete({ ...lease, result: FORGED_RESULT })).toBe(false);
          fencedWhileRunningAgain += 1;
        }
        if (performance.now() < killAt) continue;
        // Only workers that are up and claiming: killing one still booting proves nothing.
        const candidates = fleet.workers.map((_, slot) => slot).filter((slot) => fleet.isReady(slot));
        if (candidates.length === 0) continue;
        await fleet.killAndReplace(candidates[Math.floor(Math.random() * candidates.length)]!);
        kills += 1;
        killAt = nextKillAt();
      }
      await feeder.stop();
      const chaosMs = performance.now() - chaosStart;

      const settleStart = performance.now();
      await waitFor(
        async () => {
          fleet.assertAlive();
          return (await unfinishedRunCount()) === 0;
        },
        { timeoutMs: RESCUE_AFTER_MS + SETTLE_MARGIN_MS, intervalMs: 200, what: "every run to reach a terminal state" },
      );
      const settleMs = performance.now() - settleStart;
      // A replacement still booting has no SIGTERM handler yet; let it finish starting first.
      await fleet.ready();
      const exits = await fleet.stopGracefully();
      for (const exit of exits) expect(exit, fleet.tail(exit.id)).toEqual({ id: exit.id, code: 0, signal: null });

      // No run lost: every run queued is in the table and terminal.
      const runs = await getDb().jobRun.findMany({ select: { id: true, status: true, errorMessage: true } });
      expect(runs.map((run) => run.id).sort()).toEqual([...feeder.ids].sort());
      expect(runs.filter((run) => !TERMINAL.includes(run.status))).toEqual([]);
      // A run fails here only by running out of attempts to kills, never for another reason.
      expect(runs.filter((run) => run.status === "failed" && !run.errorMessage?.startsWith("The worker stopped responding"))).toEqual([]);

      expect(await runsSucceededMoreThanOnce()).toEqual([]);
      // Settling a run and closing its attempt are one statement: a kill cannot fall between them.
      expect(await succeededRunsWithoutOneSucceededAttempt()).toEqual([]);
      expect((await attemptsByStatus()).running ?? 0).toBe(0);
      expect(await repeatedAttemptNumbers()).toEqual([]);
      // A killed worker may have finished a run without printing it, but never printed one twice.
      expect(repeated(succeededRunsReported(fleet.lines()).map((entry) => entry.runId))).toEqual(new Map());

      // The fence: a lease a killed worker held completes nothing, whatever happened to its run since.
      const leftBehind = await getDb().jobRunAttempt.findMany({
        where: { workerId: { in: [...fleet.killed] }, status: { in: ["rescued", "running"] } },
        select: { runId: true, leaseId: true, status: true },
      });
      expect(leftBehind.length).toBeGreaterThan(0);
      for (const { runId, leaseId } of leftBehind) {
        const before = await getDb().jobRun.findUniqueOrThrow({ where: { id: runId } });
        expect(await queue.complete({ runId, leaseId, result: FORGED_RESULT })).toBe(false);
        expect(await getDb().jobRun.findUniqueOrThrow({ where: { id: runId } })).toEqual(before);
      }

      const [forged] = await getDb().$queryRaw<{ n: number }[]>`SELECT COUNT(*)::int AS n FROM job_runs WHERE result = ${FORGED_RESULT}::jsonb`;
      expect(forged?.n).toBe(0);

      const attempts = await attemptsByStatus();
      console.log(
        `[reliability chaos${longVariant ? " long" : ""}] ${runs.length} runs, ${kills} kills in ${(chaosMs / 1000).toFixed(1)} s, ` +
          `${attempts.rescued ?? 0} rescued attempts, ${await retriedRunCount()} runs retried, ` +
          `${leftBehind.length} killed leases fenced afterwards and ${fencedWhileRunningAgain} while their run ran again; all terminal ${(settleMs / 1000).toFixed(1)} s after the chaos ended; ` +
          `runs ${JSON.stringify(await runsByStatus())}; attempts ${JSON.stringify(attempts)}`,
      );
    },
    CHAOS_MS + RESCUE_AFTER_MS + SETTLE_MARGIN_MS + 120_000,
  );
});
