import { formatShortDateTime, formatTimeUntil } from "./format";

/** What a queued run due later says instead of "Waiting for a worker". */
export function scheduledForText(runAt: string, now: number): string {
  return `Scheduled for ${formatShortDateTime(runAt)} (${formatTimeUntil(Date.parse(runAt) - now)})`;
}
