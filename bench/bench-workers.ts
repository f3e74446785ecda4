import path from "node:path";
import { repoRoot, startProcess, type StartedProcess } from "./child-process";
import { createHandledWatch } from "./handled-watch";
import { WORKER_NODE_FLAGS } from "../lib/worker/worker-node-flags";

const ENTRY = path.join(repoRoot, "bench/bench-worker-entry.ts");

/** One worker process running the benchmark jobs (bench-worker-entry.ts), with its pid. */
export function startBenchWorker({ url, concurrency, id, onOutput }: { url: string; concurrency: number; id: string; onOutput?: (chunk: string) => void }): StartedProcess {
  return startProcess(process.execPath, [...WORKER_NODE_FLAGS, "--import", "tsx", ENTRY], {
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
    onOutput,
  });
}

export interface BenchWorkers {
  /** Resolves when every process is claiming. */
  ready: Promise<void>;
  /** Resolves once the processes' handlers have finished `runs` runs in all, as they report it. */
  handled(runs: number): Promise<void>;
  stop(): Promise<void>;
}

/** `processes` bench worker processes on the database, each running up to `concurrency` runs at once. */
export function startBenchWorkers(url: string, processes: number, concurrency: number): BenchWorkers {
  const watch = createHandledWatch();
  const workers = Array.from({ length: processes }, (_, index) =>
    startBenchWorker({ url, concurrency, id: `bench-${index}`, onOutput: (chunk) => watch.read(index, chunk) }),
  );
  return {
    ready: Promise.all(workers.map((worker) => worker.ready)).then(() => undefined),
    handled: async (runs) => {
      await watch.reached(runs);
    },
    async stop() {
      await Promise.all(workers.map((worker) => worker.stop()));
    },
  };
}
