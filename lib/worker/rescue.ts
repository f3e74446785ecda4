import type { RunQueue } from "./claim";

export interface RescueSummary {
  requeued: number;
  failed: number;
}

/**
 * Finds runs whose worker stopped heartbeating and puts them back in the queue, or fails them when
 * their attempts are used up. Each rescue is a fenced update, so when several workers sweep at the
 * same time every stale run is rescued exactly once.
 */
export async function rescueStaleRuns({
  queue,
  staleAfterMs,
  batchSize = 100,
}: {
  queue: RunQueue;
  staleAfterMs: number;
  batchSize?: number;
}): Promise<RescueSummary> {
  const summary: RescueSummary = { requeued: 0, failed: 0 };
  const stale = await queue.findStaleRuns({ staleAfterMs, limit: batchSize });
  for (const run of stale) {
    const message = `The worker stopped responding (no heartbeat for over ${Math.round(staleAfterMs / 1000)} s); attempt ${run.attempt} was abandoned`;
    // The run, its attempt and the log line that says what happened change together.
    const outcome = await queue.rescue({ ...run, staleAfterMs, message });
    if (outcome) summary[outcome] += 1;
  }
  return summary;
}
