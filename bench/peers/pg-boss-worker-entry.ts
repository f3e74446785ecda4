// A pg-boss worker process for the benchmarks. pg-boss 10 has no per-process concurrency option:
// each work() call adds one polling worker, so a process that runs N jobs at once calls it N times
// (what later versions call localConcurrency), each fetching one job at a time.
import PgBoss from "pg-boss";
import type { PeerJobPayload } from "./peer-job";
import { PG_BOSS_POLLING_SECONDS, PG_BOSS_QUEUE, pgBossPoolSize } from "./pg-boss-settings";
import { servePeerWorker } from "./serve-peer-worker";

await servePeerWorker(async ({ url, concurrency }, runJob) => {
  const boss = new PgBoss({ connectionString: url, max: pgBossPoolSize(concurrency) });
  boss.on("error", (error) => console.error("pg-boss:", error));
  await boss.start();
  for (let index = 0; index < concurrency; index++) {
    await boss.work<PeerJobPayload>(PG_BOSS_QUEUE, { batchSize: 1, pollingIntervalSeconds: PG_BOSS_POLLING_SECONDS }, async ([job]) => {
      if (job) await runJob(job.data);
    });
  }
  return { stop: () => boss.stop({ graceful: true, wait: true }) };
});
