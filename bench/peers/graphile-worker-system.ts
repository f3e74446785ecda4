import { makeWorkerUtils } from "graphile-worker";
import pg from "pg";
import { GRAPHILE_TASK, GRAPHILE_TUNED_LABEL, quietGraphileLogger } from "./graphile-worker-settings";
import { createPeerDatabase } from "./peer-database";
import type { InstalledPeer, PeerSystem } from "./peer-system";

const COMMON_SETUP = "run() with concurrency per process, pool max(10, concurrency + 2), default polling with LISTEN/NOTIFY wake-ups";

/** graphile-worker as it ships: localQueue and completeJobBatchDelay (opt-in batching) off. */
export const graphileWorker = graphileWorkerSystem(false);

/** graphile-worker with the batching its performance page recommends for throughput. */
export const graphileWorkerTuned = graphileWorkerSystem(true);

function graphileWorkerSystem(tuned: boolean): PeerSystem {
  const name = `graphile-worker ${tuned ? GRAPHILE_TUNED_LABEL : "as shipped"}`;
  return {
    name,
    setup: tuned
      ? `${name}: ${COMMON_SETUP}, and the preset's worker.localQueue and completeJobBatchDelay / failJobBatchDelay as its performance page sets them`
      : `${name} (0.18.0): ${COMMON_SETUP}; localQueue and completeJobBatchDelay (opt-in batching) off`,
    install: (serverUrl) => installGraphileWorker(serverUrl, tuned),
  };
}

async function installGraphileWorker(serverUrl: string, tuned: boolean): Promise<InstalledPeer> {
  const database = await createPeerDatabase(serverUrl, tuned ? "graphile-worker-tuned" : "graphile-worker");
  // A pool of our own, ended before the database is dropped; a connection the drop still cuts is
  // expected then and must not end the benchmark as an unhandled error.
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  const utils = await makeWorkerUtils({ pgPool: pool, logger: quietGraphileLogger });
  try {
    // Installed once here, so the worker processes do not race to migrate.
    await utils.migrate();
  } catch (error) {
    await Promise.resolve(utils.release()).catch(() => undefined);
    await pool.end().catch(() => undefined);
    await database.drop();
    throw error;
  }
  const count = (condition: string) =>
    utils.withPgClient(async (client) => {
      const { rows } = await client.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM graphile_worker.jobs WHERE ${condition}`);
      return Number(rows[0]?.n);
    });
  return {
    url: database.url,
    workerEntry: "bench/peers/graphile-worker-entry.ts",
    tuned,
    // One attempt, as Automation's benchmark job has.
    enqueueMany: async (payloads) => {
      await utils.addJobs(payloads.map((payload) => ({ identifier: GRAPHILE_TASK, payload, maxAttempts: 1 })));
    },
    enqueueOne: async (payload) => {
      await utils.addJob(GRAPHILE_TASK, payload, { maxAttempts: 1 });
    },
    // A running job already counts its attempt, so "running" is told apart by its lock.
    outstanding: () => count("attempts < max_attempts OR locked_at IS NOT NULL"),
    failed: () => count("attempts >= max_attempts AND locked_at IS NULL"),
    // Succeeded jobs are deleted by graphile-worker itself; this clears what a cut-short run left.
    clear: () => utils.withPgClient((client) => client.query("DELETE FROM graphile_worker._private_jobs")).then(() => undefined),
    async remove() {
      try {
        await utils.release();
        await pool.end();
      } finally {
        await database.drop();
      }
    },
  };
}
