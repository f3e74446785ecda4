import type { BenchAdmin } from "../bench-database";
import { startBenchWorkers } from "../bench-workers";
import { sleep } from "../wait-until";
import type { FairnessLoad } from "./fairness-load";

/**
 * Empties the runs, starts the load's workers and lets them settle into waiting for notifications
 * (as in the latency measurement), then queues the runs and waits until the workers say they have
 * handled `runs` of them: nothing counts rows meanwhile.
 */
export async function drainWithWaitingWorkers(
  { admin, url, load, runs }: { admin: BenchAdmin; url: string; load: FairnessLoad; runs: number },
  queue: () => Promise<void>,
): Promise<void> {
  await admin.query("TRUNCATE job_runs CASCADE");
  const workers = startBenchWorkers(url, load.processes, load.concurrency);
  try {
    await workers.ready;
    await sleep(500);
    await queue();
    await workers.handled(runs);
  } finally {
    await workers.stop();
  }
}
