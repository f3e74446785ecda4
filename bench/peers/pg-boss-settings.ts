/** The queue every pg-boss measurement uses; pg-boss 10 needs a queue created before jobs are sent. */
export const PG_BOSS_QUEUE = "bench-work";

/**
 * pg-boss 10 workers poll: after each fetch a worker waits out the polling interval, even when it
 * found jobs. 0.5 s is the smallest interval pg-boss accepts (its default is 2 s), so this is the
 * fastest setup it ships with; its throughput is bounded by workers × batchSize / 0.5 s.
 */
export const PG_BOSS_POLLING_SECONDS = 0.5;

/** pg-boss's default pool is 10 connections; a process with more workers than that gets a few more. */
export function pgBossPoolSize(concurrency: number): number {
  return Math.max(10, concurrency + 2);
}
