const MINUTE = 60_000;

/**
 * A datetime-local value ("2026-11-30T14:30") read in the browser's time zone, which is the
 * user's. The input has minute precision, so the current minute counts as now, not the past.
 */
export function parseRunAt(text: string, now: number): { runAt?: string } | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return {};
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(trimmed)) return { error: "Enter a date and time." };
  const at = new Date(trimmed);
  if (Number.isNaN(at.getTime())) return { error: "Enter a date and time." };
  if (at.getTime() < Math.floor(now / MINUTE) * MINUTE) return { error: "Choose a time that is now or later." };
  return { runAt: at.toISOString() };
}

/** The current minute as a datetime-local value, the earliest a run may be scheduled for. */
export function localMinuteValue(now: number): string {
  const local = new Date(now - new Date(now).getTimezoneOffset() * MINUTE);
  return local.toISOString().slice(0, 16);
}

export const PRIORITY_RANGE = { min: -100, max: 100 } as const;

export function parsePriority(text: string): { priority?: number } | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return {};
  const value = Number(trimmed);
  if (!Number.isInteger(value) || value < PRIORITY_RANGE.min || value > PRIORITY_RANGE.max) {
    return { error: `Enter a whole number from ${PRIORITY_RANGE.min} to ${PRIORITY_RANGE.max}.` };
  }
  return { priority: value };
}
