import type { ActiveRuns } from "./active-runs";
import type { RunQueue } from "./claim";
import { describeError } from "./describe-error";
import type { Doorbell } from "./doorbell";
import type { MessageLog } from "../logging/logger";
import type { WorkerRunMetrics } from "./run-metrics";

const MAX_CLAIM_BACKOFF_MS = 30_000;

export interface ClaimLoopOptions {
  queue: RunQueue;
  workerId: string;
  concurrency: number;
  pollIntervalMs: number;
  runs: ActiveRuns;
  doorbell: Doorbell;
  stopping: () => boolean;
  log: MessageLog;
  metrics?: WorkerRunMetrics;
}

/** Claims as many runs as there are free slots and launches them, until `stopping()`. */
export async function runClaimLoop(options: ClaimLoopOptions): Promise<void> {
  const { queue, workerId, concurrency, pollIntervalMs, runs, doorbell, stopping, log, metrics } = options;
  let failures = 0;
  while (!stopping()) {
    const free = concurrency - runs.size;
    let claimed = 0;
    if (free > 0) {
      const claimStarted = performance.now();
      try {
        const batch = await queue.claim({ workerId, limit: free });
        metrics?.claimed(batch, (performance.now() - claimStarted) / 1000);
        // Launched even if a stop arrived meanwhile: these runs are ours now and MUST be settled.
        runs.launch(batch);
        claimed = batch.length;
        failures = 0;
      } catch (error) {
        metrics?.claimFailed((performance.now() - claimStarted) / 1000);
        failures += 1;
        if (failures === 1 || Number.isInteger(Math.log2(failures))) log(`Claim failed (${failures}×): ${describeError(error)}`, "warn");
      }
    }
    // A full claim may mean more work is waiting: ask again at once unless every slot is busy.
    if (failures > 0 || claimed < free || runs.size >= concurrency) await doorbell.wait(nextPollMs(failures, pollIntervalMs));
  }
}

/** While the database is unreachable, ask less and less often (up to 30 s) rather than every poll. */
function nextPollMs(failures: number, pollIntervalMs: number): number {
  if (failures === 0) return pollIntervalMs;
  return Math.min(MAX_CLAIM_BACKOFF_MS, pollIntervalMs * 2 ** Math.min(failures - 1, 10));
}
