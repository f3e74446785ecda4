/** The queue every liteque measurement uses. */
export const LITEQUE_QUEUE = "bench-work";

/**
 * liteque's runner takes its polling interval and job timeout from the caller; these are the ones
 * its README starts a runner with. It polls only when a fetch finds nothing: while jobs are
 * queued, a freed slot fetches the next one at once.
 */
export const LITEQUE_RUNNER = { pollIntervalMs: 1000, timeoutSecs: 60 } as const;

/** The queue options: one attempt, as Automation's benchmark job has; failed jobs kept so they can be counted. */
export const LITEQUE_QUEUE_OPTIONS = { defaultJobArgs: { numRetries: 0 }, keepFailedJobs: true } as const;

export function litequeFile(url: string): string {
  return url.replace(/^file:/, "");
}
