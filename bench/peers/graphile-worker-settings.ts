import { Logger } from "graphile-worker";

/** The task identifier every graphile-worker measurement uses. */
export const GRAPHILE_TASK = "bench_work";

/** graphile-worker's own advice: a pool of 10 or concurrency + 2, whichever is larger. */
export function graphilePoolSize(concurrency: number): number {
  return Math.max(10, concurrency + 2);
}

/**
 * The batching its performance page runs with: a local queue that fetches up to 500 jobs in one
 * statement for the process's workers, and completions and failures written in batches (a delay
 * of 0 collects what finishes in the same tick). Off by default because more jobs stay locked by
 * a process that dies.
 */
export const GRAPHILE_TUNED = {
  localQueue: { size: 500 },
  completeJobBatchDelay: 0,
  failJobBatchDelay: 0,
} as const;

export const GRAPHILE_TUNED_LABEL = `tuned (localQueue.size ${GRAPHILE_TUNED.localQueue.size}, completeJobBatchDelay ${GRAPHILE_TUNED.completeJobBatchDelay} ms, failJobBatchDelay ${GRAPHILE_TUNED.failJobBatchDelay} ms)`;

/** Only problems reach the terminal: a worker process's stdout carries its ready and report lines. */
export const quietGraphileLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`graphile-worker: ${message}`);
});
