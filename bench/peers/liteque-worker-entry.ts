// A liteque worker process for the benchmarks: its Runner on the queue's SQLite file (WAL, as
// liteque opens it by default) with the process's concurrency and the README's settings.
import { buildDBClient, Runner, SqliteQueue } from "liteque";
import { LITEQUE_QUEUE, LITEQUE_QUEUE_OPTIONS, LITEQUE_RUNNER, litequeFile } from "./liteque-settings";
import type { PeerJobPayload } from "./peer-job";
import { servePeerWorker } from "./serve-peer-worker";

await servePeerWorker(async ({ url, concurrency }, runJob) => {
  const queue = new SqliteQueue<PeerJobPayload>(LITEQUE_QUEUE, buildDBClient(litequeFile(url)), LITEQUE_QUEUE_OPTIONS);
  const runner = new Runner<PeerJobPayload>(queue, { run: (job) => runJob(job.data) }, { ...LITEQUE_RUNNER, concurrency });
  const running = runner.run();
  return {
    async stop() {
      // The runner stops fetching and waits for the jobs it has started.
      runner.stop();
      await running;
    },
  };
});
