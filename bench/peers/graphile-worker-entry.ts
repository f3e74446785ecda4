// A graphile-worker process for the benchmarks, started as its documentation starts one: run()
// with a concurrency, its default polling and LISTEN/NOTIFY wake-ups. As shipped it has none of
// the opt-in batching that trades lock time for throughput; tuned, its preset turns that batching
// on as its performance page does (see graphile-worker-settings.ts).
import { run } from "graphile-worker";
import { GRAPHILE_TASK, GRAPHILE_TUNED, graphilePoolSize, quietGraphileLogger } from "./graphile-worker-settings";
import type { PeerJobPayload } from "./peer-job";
import { servePeerWorker } from "./serve-peer-worker";

await servePeerWorker(async ({ url, concurrency, tuned }, runJob) => {
  const runner = await run({
    connectionString: url,
    concurrency,
    maxPoolSize: graphilePoolSize(concurrency),
    noHandleSignals: true,
    logger: quietGraphileLogger,
    crontab: "",
    taskList: { [GRAPHILE_TASK]: (payload) => runJob(payload as PeerJobPayload) },
    ...(tuned ? { preset: { worker: GRAPHILE_TUNED } } : {}),
  });
  return { stop: () => runner.stop() };
});
