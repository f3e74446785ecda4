import type { JobRunResponse } from "@/lib/job-runs/schemas";

/**
 * How often the page asks again. Tight only while a run is running or queued and due (its
 * progress moves or it is about to start); otherwise idle polling that backs off while nothing
 * changes and starts over when something does, and slower still while the tab is hidden.
 */
export const TIGHT_POLL_MS = 1_000;
export const IDLE_POLL_MIN_MS = 2_000;
export const IDLE_POLL_MAX_MS = 10_000;
export const HIDDEN_POLL_MS = 30_000;
/** While run changes are pushed (PostgreSQL), idle polling only guards against a silent stream. */
export const PUSHED_IDLE_POLL_MS = 30_000;

type RunTiming = Pick<JobRunResponse, "status" | "runAt">;

/** A queued run due later than this is scheduled, not waiting. */
const DUE_SLACK_MS = 1_000;

export function isScheduled(run: RunTiming, now: number): boolean {
  return run.status === "queued" && Date.parse(run.runAt) > now + DUE_SLACK_MS;
}

export function isRunningOrDue(run: RunTiming, now: number): boolean {
  return run.status === "running" || (run.status === "queued" && !isScheduled(run, now));
}

/** The next idle delay: the shortest after a change, else twice the last, up to the longest. */
export function nextIdleDelay(previousMs: number | null, changed: boolean): number {
  if (changed || previousMs === null) return IDLE_POLL_MIN_MS;
  return Math.min(previousMs * 2, IDLE_POLL_MAX_MS);
}
