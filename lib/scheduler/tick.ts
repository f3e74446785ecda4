import { databaseNow } from "../db/database-clock";
import { enqueueJob } from "../jobs/enqueue";
import { IdempotencyConflictError } from "../jobs/errors";
import { scheduleFanOut } from "../jobs/registry";
import { latestSlot } from "./cron-slot";
import { SCHEDULES } from "./schedules";

export interface TickResult {
  schedule: string;
  slot: string;
  fanOutRunId: string;
  /** false when another tick (this process or another one) already created this slot's fan-out */
  created: boolean;
}

/**
 * Makes sure the latest slot of every schedule has its fan-out run. Safe to call from any number
 * of processes at once: the fan-out's dedupe key (system:schedule-fan-out:<name>:<slot>) is unique.
 * Missed slots are not replayed; a scheduler that was down catches up with the latest slot only.
 */
export async function tickScheduler({ now }: { now?: Date } = {}): Promise<TickResult[]> {
  // The database clock, like the workers: two schedulers on different hosts agree on the slot.
  const at = now ?? (await databaseNow());
  const results: TickResult[] = [];
  const failures: unknown[] = [];
  for (const schedule of SCHEDULES) {
    // One schedule that cannot be queued must not hold back the others' slots.
    try {
      results.push(await queueFanOut(schedule, latestSlot({ cron: schedule.cron, now: at }).toISOString()));
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length) throw new AggregateError(failures, `${failures.length} of ${SCHEDULES.length} schedules could not be queued`);
  return results;
}

async function queueFanOut(schedule: (typeof SCHEDULES)[number], slot: string): Promise<TickResult> {
  try {
    const run = await enqueueJob({
      job: scheduleFanOut,
      businessId: null,
      params: { schedule: schedule.name, slot, jobType: schedule.job.type, params: schedule.params },
      idempotencyKey: `schedule-fan-out:${schedule.name}:${slot}`,
      triggerSource: "schedule",
      priority: 10,
    });
    return { schedule: schedule.name, slot, fanOutRunId: run.id, created: run.created };
  } catch (error) {
    // The slot's fan-out exists with other params (queued before its schedule changed): it stands.
    if (!(error instanceof IdempotencyConflictError)) throw error;
    return { schedule: schedule.name, slot, fanOutRunId: error.existingRunId, created: false };
  }
}
