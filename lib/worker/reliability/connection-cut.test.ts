import { afterAll, describe, expect, it } from "vitest";
import { testDatabaseProvider } from "@/test-support/test-database-provider";
import { createBusiness, waitFor } from "../../../test-support/fixtures";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { queueRunsInBulk, randomSleepParams, refreshRunStatistics } from "./support/bulk-runs";
import { attemptsByStatus, retriedRunCount, runsByStatus, runsSucceededMoreThanOnce, unfinishedRunCount } from "./support/run-census";
import { ciOrLong, longVariant } from "./support/scale";
import { startTcpProxy, type TcpProxy } from "./support/tcp-proxy";
import { WorkerFleet } from "./support/worker-fleet";
import { countMatching } from "./support/worker-output";

const RUNS = ciOrLong(300, 3_000);
const CUTS = ciOrLong(1, 4);
const CUT_MS = 5_000;
const RESCUE_AFTER_MS = 3_000;
const RECOVERY_DEADLINE_MS = ciOrLong(120_000, 600_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(testDatabaseProvider() === "postgresql")("workers whose connection to PostgreSQL is cut", () => {
  const { database, spawnTs } = useTempDatabase();
  let proxy: TcpProxy | undefined;

  afterAll(async () => {
    await proxy?.close();
  });

  it(
    "back off while the database is unreachable and finish every run once it is back",
    async () => {
      const target = new URL(database.url);
      proxy = await startTcpProxy({ targetHost: target.hostname, targetPort: Number(target.port || 5432) });
      const proxied = new URL(database.url);
      proxied.host = `127.0.0.1:${proxy.port}`;

      const fleet = new WorkerFleet(spawnTs, {
        name: "cut",
        env: {
          ...database.env,
          DATABASE_URL: proxied.toString(),
          WORKER_CONCURRENCY: "4",
          WORKER_POLL_INTERVAL_MS: "200",
          WORKER_HEARTBEAT_MS: "300",
          WORKER_RESCUE_AFTER_MS: String(RESCUE_AFTER_MS),
          WORKER_RUN_SCHEDULER: "false",
        },
      });
      fleet.start(2);
      await fleet.ready();

      const businesses = [await createBusiness(), await createBusiness()];
      for (const business of businesses) {
        await queueRunsInBulk({ businessId: business.id, jobType: "test-sleep", count: RUNS / businesses.length, params: randomSleepParams(100, 300) });
      }
      await refreshRunStatistics();

      let cutAt = 0;
      for (let cut = 1; cut <= CUTS; cut++) {
        // Cut while runs are in flight: after a share of the runs has finished, with most still to go.
        const due = Math.floor((RUNS * cut) / (CUTS + 2));
        await waitFor(
          async () => {
            fleet.assertAlive();
            return ((await runsByStatus()).succeeded ?? 0) >= due;
          },
          { timeoutMs: RECOVERY_DEADLINE_MS, intervalMs: 100, what: `${due} runs to succeed before cut ${cut}` },
        );
        await proxy.cut();
        await sleep(CUT_MS);
        fleet.assertAlive();
        await proxy.restore();
        cutAt = performance.now();
      }

      await waitFor(
        async () => {
          fleet.assertAlive();
          return (await runsByStatus()).succeeded === RUNS;
        },
        { timeoutMs: RECOVERY_DEADLINE_MS, intervalMs: 200, what: `all ${RUNS} runs to succeed after the last cut` },
      );
      const recoveryMs = performance.now() - cutAt;

      expect(await runsByStatus()).toEqual({ succeeded: RUNS });
      expect(await unfinishedRunCount()).toBe(0);
      expect(await runsSucceededMoreThanOnce()).toEqual([]);
      // The same two processes throughout: they waited the outage out rather than crashing.
      fleet.assertAlive();

      const lines = fleet.lines();
      // The outage reached the workers (they did go through the proxy), and they lived through it.
      expect(countMatching(lines, /Claim failed|Heartbeat failed/)).toBeGreaterThan(0);
      const exits = await fleet.stopGracefully();
      for (const exit of exits) expect(exit, fleet.tail(exit.id)).toEqual({ id: exit.id, code: 0, signal: null });

      console.log(
        `[reliability connection-cut${longVariant ? " long" : ""}] ${RUNS} runs on 2 workers, ${CUTS} cut(s) of ${CUT_MS} ms: all succeeded ` +
          `${(recoveryMs / 1000).toFixed(1)} s after the last restore; ${await retriedRunCount()} runs retried; ` +
          `attempts ${JSON.stringify(await attemptsByStatus())}; ${proxy.accepted} connections through the proxy; ` +
          `logged: ${countMatching(lines, /Claim failed/)} failed claims, ${countMatching(lines, /Heartbeat failed/)} failed heartbeats, ` +
          `${countMatching(lines, /Could not settle/)} unsettled runs, ${countMatching(lines, /Listening for queued runs again/)} listener reconnects`,
      );
    },
    RECOVERY_DEADLINE_MS * (CUTS + 1) + 60_000,
  );
});
