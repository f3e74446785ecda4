// A graphile-worker process for the benchmarks, set up as its documentation starts one: run()
// with a concurrency, its default polling and LISTEN/NOTIFY wake-ups, and none of the opt-in
// batching (localQueue, completeJobBatchDelay) that trades lock time for throughput.
import { run } from "graphile-worker";
import { GRAPHILE_TASK, graphilePoolSize, quietGraphileLogger } from "./graphile-worker-settings";
import type { PeerJobPayload } from "./peer-job";
import { servePeerWorker } from "./serve-peer-worker";

await servePeerWorker(async ({ url, concurrency }, runJob) => {
  const runner = await run({
    connectionString: url,
    concurrency,
    maxPoolSize: graphilePoolSize(concurrency),
    noHandleSignals: true,
    logger: quietGraphileLogger,
    crontab: "",
    taskList: { [GRAPHILE_TASK]: (payload) => runJob(payload as PeerJobPayload) },
  });
  return { stop: () => runner.stop() };
});
