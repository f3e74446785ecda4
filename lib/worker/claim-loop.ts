import type { ActiveRuns } from "./active-runs";
import { ClaimPace } from "./claim-pace";
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
  /** At most this many runs claimed beyond the free slots, so a freed slot starts its next run without a round trip. */
  claimAhead: number;
  pollIntervalMs: number;
  runs: ActiveRuns;
  doorbell: Doorbell;
  stopping: () => boolean;
  log: MessageLog;
  metrics?: WorkerRunMetrics;
}

/**
 * Keeps every slot busy and more runs claimed (as many as its pace needs, up to `claimAhead`; see
 * ClaimPace), until `stopping()`. The waiting runs are refilled in one claim once they fall to
 * half, so claims stay batched without letting the fair order go stale for long.
 */
export async function runClaimLoop(options: ClaimLoopOptions): Promise<void> {
  const { queue, workerId, concurrency, claimAhead, pollIntervalMs, runs, doorbell, stopping, log, metrics } = options;
  // At least twice the concurrency: with fewer, slow runs cost a claim every few runs, and those
  // claims took the database's time from the web app (HTTP p95 at 10 req/s 68 → 117 ms).
  const pace = new ClaimPace(Math.min(2 * concurrency, claimAhead), claimAhead);
  let failures = 0;
  while (!stopping()) {
    const ahead = pace.ahead(runs.started);
    const lowWater = Math.floor(ahead / 2);
    const room = claimRoom({ concurrency, ahead, running: runs.size, waiting: runs.waiting, unwritten: runs.unwritten });
    const wanted = runs.size < concurrency || runs.waiting <= lowWater ? room : 0;
    let claimed = 0;
    if (wanted > 0) {
      const claimStarted = performance.now();
      try {
        const batch = await queue.claim({ workerId, limit: wanted });
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
    // A full claim may mean more work is waiting: ask again at once unless there is no room.
    if (failures > 0 || wanted === 0 || claimed < wanted) await doorbell.wait(nextPollMs(failures, pollIntervalMs));
  }
}

/**
 * How many more runs the worker may claim: its free slots and the runs it keeps claimed ahead.
 * Successes still being written count against that once they outnumber those: when writing falls
 * behind (a slow or locked database), the worker stops claiming instead of piling finished runs up
 * in memory and widening the window in which a crash would run them again. It then holds at most
 * twice `concurrency + ahead` runs.
 */
export function claimRoom({ concurrency, ahead, running, waiting, unwritten }: { concurrency: number; ahead: number; running: number; waiting: number; unwritten: number }): number {
  const held = concurrency + ahead;
  return Math.max(0, held - running - waiting - Math.max(0, unwritten - held));
}

/** While the database is unreachable, ask less and less often (up to 30 s) rather than every poll. */
function nextPollMs(failures: number, pollIntervalMs: number): number {
  if (failures === 0) return pollIntervalMs;
  return Math.min(MAX_CLAIM_BACKOFF_MS, pollIntervalMs * 2 ** Math.min(failures - 1, 10));
}
