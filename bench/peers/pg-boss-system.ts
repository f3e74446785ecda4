import PgBoss from "pg-boss";
import { createPeerDatabase } from "./peer-database";
import type { InstalledPeer, PeerSystem } from "./peer-system";
import { PG_BOSS_POLLING_SECONDS, PG_BOSS_QUEUE } from "./pg-boss-settings";

export const pgBoss: PeerSystem = {
  name: "pg-boss",
  setup:
    `pg-boss 10.4.2: work() called once per concurrent job (batchSize 1), polling every ${PG_BOSS_POLLING_SECONDS} s ` +
    "(its minimum; the default is 2 s); no LISTEN/NOTIFY, so a worker waits out the interval after every fetch",
  async install(serverUrl): Promise<InstalledPeer> {
    const database = await createPeerDatabase(serverUrl, "pg-boss");
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
      // Retries off, as Automation's benchmark job has one attempt.
      enqueueMany: (payloads) => boss.insert(payloads.map((data) => ({ name: PG_BOSS_QUEUE, data, retryLimit: 0 }))),
      enqueueOne: async (payload) => {
        await boss.send(PG_BOSS_QUEUE, payload, { retryLimit: 0 });
      },
      outstanding: () => count("state < 'completed'"),
      failed: () => count("state = 'failed'"),
      clear: () => boss.clearStorage(),
      async remove() {
        try {
          await boss.stop({ graceful: false });
        } finally {
          await database.drop();
        }
      },
    };
  },
};
