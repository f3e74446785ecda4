import { CronExpressionParser } from "cron-parser";

/**
 * The most recent time at or before `now` that matches the cron expression (UTC). Slots are the
 * unit of deduplication: every scheduler that looks at the same moment computes the same slot.
 */
export function latestSlot({ cron, now }: { cron: string; now: Date }): Date {
  // prev() is strictly before its start; starting 1 ms later includes a slot equal to `now`.
  const expression = CronExpressionParser.parse(cron, { currentDate: new Date(now.getTime() + 1), tz: "UTC" });
  return expression.prev().toDate();
}

export function assertValidCron(cron: string): void {
  CronExpressionParser.parse(cron, { tz: "UTC", strict: false });
}
