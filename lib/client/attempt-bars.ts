/** One attempt placed on the run's time axis, in percent of the axis. */
export interface AttemptBar {
  attempt: number;
  status: string;
  startPercent: number;
  widthPercent: number;
  durationMs: number;
  /** Still running: the bar ends at `now`. */
  open: boolean;
}

/** The narrowest bar drawn, so a millisecond attempt is still seen. */
const MIN_WIDTH_PERCENT = 0.75;

/**
 * Lays attempts out on one time axis from the first start to the last end (or `now` for one still
 * running). Times the server sent in the wrong order are clamped rather than drawn backwards.
 */
export function layoutAttemptBars(
  attempts: readonly { attempt: number; status: string; startedAt: string; finishedAt: string | null }[],
  now: number,
): { bars: AttemptBar[]; startMs: number; endMs: number } {
  const spans = attempts.map((attempt) => {
    const start = Date.parse(attempt.startedAt);
    const end = attempt.finishedAt ? Date.parse(attempt.finishedAt) : Math.max(now, start);
    return { attempt, start, end: Math.max(end, start) };
  });
  if (!spans.length) return { bars: [], startMs: now, endMs: now };
  const startMs = Math.min(...spans.map((span) => span.start));
  const endMs = Math.max(...spans.map((span) => span.end));
  const range = Math.max(endMs - startMs, 1);
  const bars = spans.map(({ attempt, start, end }) => {
    const startPercent = ((start - startMs) / range) * 100;
    const widthPercent = Math.max(((end - start) / range) * 100, MIN_WIDTH_PERCENT);
    return {
      attempt: attempt.attempt,
      status: attempt.status,
      startPercent: Math.min(startPercent, 100 - MIN_WIDTH_PERCENT),
      widthPercent: Math.min(widthPercent, 100 - Math.min(startPercent, 100 - MIN_WIDTH_PERCENT)),
      durationMs: end - start,
      open: attempt.finishedAt === null,
    };
  });
  return { bars, startMs, endMs };
}
