/** The queue every pg-boss measurement uses; pg-boss needs a queue created before jobs are sent. */
export const PG_BOSS_QUEUE = "bench-work";

/**
 * pg-boss workers poll: after each fetch a worker waits out the polling interval (2 s unless
 * set), even when it found jobs, so at equal concurrency its throughput is bound by
 * workers × batchSize / interval. Its documented way to go faster is a larger batchSize handled in
 * parallel: here one worker per process fetches BATCH_PER_SLOT × the process's concurrency jobs
 * at once, runs them all in parallel, polls at 0.5 s (its minimum) and, with burstWhenBatchFull,
 * fetches again at once while batches come back full. That runs up to 4 × the concurrency the
 * other systems get.
 */
export const PG_BOSS_BATCH_PER_SLOT = 4;
export const PG_BOSS_TUNED_POLLING_SECONDS = 0.5;

export function pgBossTunedBatchSize(concurrency: number): number {
  return PG_BOSS_BATCH_PER_SLOT * concurrency;
}

export const PG_BOSS_TUNED_LABEL =
  `tuned (one worker per process, batchSize ${PG_BOSS_BATCH_PER_SLOT} × concurrency run in parallel, ` +
  `pollingIntervalSeconds ${PG_BOSS_TUNED_POLLING_SECONDS}, burstWhenBatchFull)`;

/** pg-boss's default pool is 10 connections; a process with more workers than that gets a few more. */
export function pgBossPoolSize(concurrency: number): number {
  return Math.max(10, concurrency + 2);
}
