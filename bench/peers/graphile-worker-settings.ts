import { Logger } from "graphile-worker";

/** The task identifier every graphile-worker measurement uses. */
export const GRAPHILE_TASK = "bench_work";

/** graphile-worker's own advice: a pool of 10 or concurrency + 2, whichever is larger. */
export function graphilePoolSize(concurrency: number): number {
  return Math.max(10, concurrency + 2);
}

/** Only problems reach the terminal: a worker process's stdout carries its ready and report lines. */
export const quietGraphileLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`graphile-worker: ${message}`);
});
