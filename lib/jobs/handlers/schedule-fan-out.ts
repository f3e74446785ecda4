import { z } from "zod";
import { defineJob } from "../define-job";
import { enqueueJob } from "../enqueue";
import { FailClosedError, IdempotencyConflictError, PermanentJobError } from "../errors";
import type { JobRegistry } from "../registry";

const PAGE = 200;

export const SCHEDULE_FAN_OUT = "schedule-fan-out";

/** The idempotency key of the run a schedule creates for one business (or the system) and slot. */
export function scheduledRunKey({ schedule, slot }: { schedule: string; slot: Date }): string {
  return `schedule:${schedule}:${slot.toISOString()}`;
}

/**
 * The parent run of one schedule slot: creates the slot's run for every active business (or the
 * one system run), linked through parent_run_id. Child keys are deduplicated per business, so a
 * retried or duplicated fan-out never creates a second run for the same business and slot.
 *
 * The scheduler names the schedule's job and params in the fan-out's own params; `jobs` are the
 * job types a schedule may name.
 */
export function defineScheduleFanOut(jobs: JobRegistry) {
  return defineJob({
    type: SCHEDULE_FAN_OUT,
    title: "Scheduled fan-out",
    description: "Creates one run per active business for a schedule's time slot.",
    scope: "system",
    triggeredBy: "system",
    params: z
      .object({
        schedule: z.string().min(1).max(64),
        slot: z.iso.datetime({ offset: true }),
        jobType: z.string().min(1).max(64),
        params: z.record(z.string(), z.unknown()),
      })
      .strict(),
    maxAttempts: 5,
    timeoutMs: 10 * 60 * 1000,
    backoff: { baseMs: 5_000, maxMs: 5 * 60 * 1000 },
    async run({ params, runId, db, log, progress, signal }) {
      const job = jobs.get(params.jobType);
      if (!job) throw new PermanentJobError(`Schedule "${params.schedule}" names no known job type "${params.jobType}"`);
      const slot = new Date(params.slot);
      const idempotencyKey = scheduledRunKey({ schedule: params.schedule, slot });
      const common = { job, params: params.params, idempotencyKey, triggerSource: "schedule", parentRunId: runId } as const;

      if (job.scope === "system") {
        const child = await enqueueJob({ ...common, businessId: null });
        log.info(child.created ? `Queued system run ${child.id}` : `System run ${child.id} already existed`);
        return { schedule: params.schedule, slot: slot.toISOString(), created: child.created ? 1 : 0, existing: child.created ? 0 : 1, skipped: 0 };
      }

      const total = await db.business.count({ where: { status: "active" } });
      const counts = { created: 0, existing: 0, skipped: 0 };
      let cursor: string | undefined;
      for (;;) {
        const page = await db.business.findMany({
          where: { status: "active" },
          select: { id: true },
          orderBy: { id: "asc" },
          take: PAGE,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        for (const business of page) {
          if (signal.aborted) throw signal.reason;
          try {
            const child = await enqueueJob({ ...common, businessId: business.id });
            counts[child.created ? "created" : "existing"] += 1;
          } catch (error) {
            // The slot's run is there already, queued with other params (the schedule changed mid-slot).
            if (error instanceof IdempotencyConflictError) {
              counts.existing += 1;
              continue;
            }
            // Suspended between the listing and the insert: nothing to run for it.
            if (!(error instanceof FailClosedError)) throw error;
            counts.skipped += 1;
          }
        }
        const done = counts.created + counts.existing + counts.skipped;
        if (page.length) await progress(total ? done / total : 1, `${done} of ${total} businesses`);
        if (page.length < PAGE) break;
        cursor = page[page.length - 1]?.id;
      }
      log.info(`${job.type} for ${slot.toISOString()}: ${counts.created} runs queued, ${counts.existing} already present, ${counts.skipped} skipped`);
      return { schedule: params.schedule, slot: slot.toISOString(), ...counts };
    },
  });
}
