// A pg-boss worker process for the benchmarks. As shipped: work() with localConcurrency set to the
// process's concurrency, each of those workers fetching one job per poll at the default interval.
// Tuned: one worker fetching a batch several times the concurrency and running it in parallel
// (see pg-boss-settings.ts).
import { PgBoss } from "pg-boss";
import type { PeerJobPayload } from "./peer-job";
import { PG_BOSS_QUEUE, PG_BOSS_TUNED_POLLING_SECONDS, pgBossPoolSize, pgBossTunedBatchSize } from "./pg-boss-settings";
import { servePeerWorker } from "./serve-peer-worker";

await servePeerWorker(async ({ url, concurrency, tuned }, runJob) => {
  const boss = new PgBoss({ connectionString: url, max: pgBossPoolSize(concurrency) });
  boss.on("error", (error) => console.error("pg-boss:", error));
  await boss.start();
  if (tuned) {
    const options = { batchSize: pgBossTunedBatchSize(concurrency), pollingIntervalSeconds: PG_BOSS_TUNED_POLLING_SECONDS, burstWhenBatchFull: true };
    await boss.work<PeerJobPayload>(PG_BOSS_QUEUE, options, async (jobs) => {
      await Promise.all(jobs.map((job) => runJob(job.data)));
    });
  } else {
    await boss.work<PeerJobPayload>(PG_BOSS_QUEUE, { localConcurrency: concurrency }, async ([job]) => {
      if (job) await runJob(job.data);
    });
  }
  return { stop: () => boss.stop({ graceful: true }) };
});
