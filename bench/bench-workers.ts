import path from "node:path";
import { repoRoot, startProcess, type StartedProcess } from "./child-process";

const ENTRY = path.join(repoRoot, "bench/bench-worker-entry.ts");

/** One worker process running the benchmark jobs (bench-worker-entry.ts), with its pid. */
export function startBenchWorker({ url, concurrency, id }: { url: string; concurrency: number; id: string }): StartedProcess {
  return startProcess(process.execPath, ["--import", "tsx", ENTRY], {
    env: {
      DATABASE_URL: url,
      WORKER_CONCURRENCY: String(concurrency),
      WORKER_RUN_SCHEDULER: "false",
      WORKER_ID: id,
      DATABASE_POOL_SIZE: String(concurrency + 4),
    },
    readyText: "ready",
    // The entry prints only failed and lost runs there: the reason a drain did not succeed.
    echoErrors: true,
  });
}

export interface BenchWorkers {
  /** Resolves when every process is claiming. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** `processes` bench worker processes on the database, each running up to `concurrency` runs at once. */
export function startBenchWorkers(url: string, processes: number, concurrency: number): BenchWorkers {
  const workers = Array.from({ length: processes }, (_, index) => startBenchWorker({ url, concurrency, id: `bench-${index}` }));
  return {
    ready: Promise.all(workers.map((worker) => worker.ready)).then(() => undefined),
    async stop() {
      await Promise.all(workers.map((worker) => worker.stop()));
    },
  };
}
