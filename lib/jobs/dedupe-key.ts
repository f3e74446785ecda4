import type { TriggerSource } from "./enqueue";

/** Keys chosen by the system itself (schedules, fan-outs); every other source's key is a user's. */
const SYSTEM_SOURCES: ReadonlySet<TriggerSource> = new Set(["schedule", "system"]);

/**
 * The unique key that makes a run idempotent, per business (or the system). Keys sent by users
 * live under "user:", so no key a user picks can equal one the scheduler will use for its runs
 * (`schedule:<name>:<slot>`): a user cannot make a scheduled run be skipped.
 */
export function dedupeKeyFor({
  businessId,
  idempotencyKey,
  triggerSource,
}: {
  businessId: string | null;
  idempotencyKey: string;
  triggerSource: TriggerSource | string;
}): string {
  const namespace = SYSTEM_SOURCES.has(triggerSource as TriggerSource) ? "" : "user:";
  return `${businessId ?? "system"}:${namespace}${idempotencyKey}`;
}
