import path from "node:path";
import { repoRoot, startProcess, type StartedProcess } from "./child-process";

/** One worker process running the benchmark jobs (bench/bench-worker-entry.ts), with its pid. */
export function startBenchWorker({ url, concurrency, id }: { url: string; concurrency: number; id: string }): StartedProcess {
  return startProcess(process.execPath, ["--import", "tsx", path.join(repoRoot, "bench/bench-worker-entry.ts")], {
    env: {
      DATABASE_URL: url,
      WORKER_CONCURRENCY: String(concurrency),
      WORKER_RUN_SCHEDULER: "false",
      WORKER_ID: id,
      DATABASE_POOL_SIZE: String(concurrency + 4),
    },
    readyText: "ready",
  });
}
