import { makeWorkerUtils } from "graphile-worker";
import { GRAPHILE_TASK, quietGraphileLogger } from "./graphile-worker-settings";
import { createPeerDatabase } from "./peer-database";
import type { InstalledPeer, PeerSystem } from "./peer-system";

export const graphileWorker: PeerSystem = {
  name: "graphile-worker",
  setup:
    "graphile-worker 0.17.3: run() with concurrency per process, pool max(10, concurrency + 2), default polling " +
    "with LISTEN/NOTIFY wake-ups; localQueue and completeJobBatchDelay (opt-in batching) off, as shipped",
  async install(serverUrl): Promise<InstalledPeer> {
    const database = await createPeerDatabase(serverUrl, "graphile-worker");
    const utils = await makeWorkerUtils({ connectionString: database.url, logger: quietGraphileLogger });
    try {
      // Installed once here, so the worker processes do not race to migrate.
      await utils.migrate();
    } catch (error) {
      await Promise.resolve(utils.release()).catch(() => undefined);
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
        } finally {
          await database.drop();
        }
      },
    };
  },
};
