import { PgBoss } from "pg-boss";
import { createPeerDatabase } from "./peer-database";
import type { InstalledPeer, PeerSystem } from "./peer-system";
import { PG_BOSS_QUEUE, PG_BOSS_TUNED_LABEL } from "./pg-boss-settings";

/** pg-boss as it ships: one-job fetches, polling every 2 s, no LISTEN/NOTIFY. */
export const pgBoss = pgBossSystem(false);

/** pg-boss with a batch well above the concurrency, handled in parallel, as its documentation suggests for throughput. */
export const pgBossTuned = pgBossSystem(true);

function pgBossSystem(tuned: boolean): PeerSystem {
  const name = `pg-boss ${tuned ? PG_BOSS_TUNED_LABEL : "as shipped"}`;
  return {
    name,
    setup: tuned
      ? `${name}: up to 4 × the concurrency of the other systems runs at once (64 jobs in both shapes); a batch is completed ` +
        "all together once its last job ends, so one slow job holds back the next fetch"
      : `${name} (12.38.0): work() with localConcurrency = the process's concurrency, batchSize 1 and the default 2 s polling ` +
        "interval; no LISTEN/NOTIFY (opt-in), so each worker waits out the interval after every fetch",
    install: (serverUrl) => installPgBoss(serverUrl, tuned),
  };
}

async function installPgBoss(serverUrl: string, tuned: boolean): Promise<InstalledPeer> {
  const database = await createPeerDatabase(serverUrl, tuned ? "pg-boss-tuned" : "pg-boss");
  // This instance only queues and inspects jobs: no maintenance or cron of its own to disturb the workers.
  const boss = new PgBoss({ connectionString: database.url, max: 4, supervise: false, schedule: false });
  boss.on("error", (error) => console.error("pg-boss:", error));
  try {
    await boss.start();
    await boss.createQueue(PG_BOSS_QUEUE);
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    await database.drop();
    throw error;
  }
  const count = async (condition: string) => {
    const { rows } = await boss.getDb().executeSql(`SELECT COUNT(*)::int AS n FROM pgboss.job WHERE name = $1 AND ${condition}`, [PG_BOSS_QUEUE]);
    return Number(rows[0]?.n);
  };
  return {
    url: database.url,
    workerEntry: "bench/peers/pg-boss-worker-entry.ts",
    tuned,
    // Retries off, as Automation's benchmark job has one attempt.
    enqueueMany: async (payloads) => {
      await boss.insert(PG_BOSS_QUEUE, payloads.map((data) => ({ data, retryLimit: 0 })));
    },
    enqueueOne: async (payload) => {
      await boss.send(PG_BOSS_QUEUE, payload, { retryLimit: 0 });
    },
    outstanding: () => count("state < 'completed'"),
    failed: () => count("state = 'failed'"),
    clear: async () => {
      await boss.deleteAllJobs(PG_BOSS_QUEUE);
    },
    async remove() {
      try {
        await boss.stop({ graceful: false });
      } finally {
        await database.drop();
      }
    },
  };
}
