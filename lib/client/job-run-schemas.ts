import { z } from "zod";
import { JobRunResponse, RUN_STATUSES } from "@/lib/job-runs/schemas";

// Shapes of the job-run route handlers' answers; JobRunResponse is the server's own schema.

const StatusCounts = z.object(Object.fromEntries(RUN_STATUSES.map((status) => [status, z.number()])) as Record<(typeof RUN_STATUSES)[number], z.ZodNumber>);
export type StatusCounts = z.infer<typeof StatusCounts>;

const Durations = z.object({ p50: z.number().nullable(), p95: z.number().nullable() });

export const RunTotal = z.object({ count: z.number().int().nonnegative(), atLeast: z.boolean() });
export type RunTotal = z.infer<typeof RunTotal>;
export const JobRunPage = z.object({ runs: z.array(JobRunResponse), nextCursor: z.string().nullable(), total: RunTotal.optional() });
export type JobRunPage = z.infer<typeof JobRunPage>;

export const ActiveJobRuns = z.object({ runs: z.array(JobRunResponse), total: RunTotal });
export type ActiveJobRuns = z.infer<typeof ActiveJobRuns>;

export const RecentJobRuns = z.object({ runs: z.array(JobRunResponse) });

export const JobRunStats = z.object({
  window: z.enum(["24h", "7d", "30d"]),
  since: z.string(),
  total: z.number(),
  byStatus: StatusCounts,
  /** Of byStatus.queued, the runs due only later. */
  scheduled: z.number(),
  successRate: z.number().nullable(),
  durationMs: Durations,
  byJobType: z.array(z.object({ jobType: z.string(), total: z.number(), byStatus: StatusCounts, durationMs: Durations })),
  series: z.object({
    bucketMs: z.number(),
    points: z.array(z.object({ start: z.string(), byStatus: StatusCounts })),
  }),
});
export type JobRunStats = z.infer<typeof JobRunStats>;

export const BusinessBreakdown = z.object({
  window: z.enum(["24h", "7d", "30d"]),
  since: z.string(),
  businesses: z.array(
    z.object({
      businessId: z.string(),
      name: z.string(),
      slug: z.string(),
      runs: z.number(),
      failures: z.number(),
      queued: z.number(),
      /** Queued runs due only later. */
      scheduled: z.number(),
      running: z.number(),
      oldestQueuedMs: z.number().nullable(),
    }),
  ),
});
export type BusinessBreakdown = z.infer<typeof BusinessBreakdown>;

export const JobTypes = z.object({
  registered: z.array(
    z.object({
      type: z.string(),
      title: z.string(),
      description: z.string(),
      scope: z.enum(["tenant", "system"]),
      maxAttempts: z.number(),
      timeoutMs: z.number(),
      paramsSchema: z.unknown(),
    }),
  ),
  seen: z.array(z.object({ type: z.string(), runs: z.number() })),
});
export type JobTypes = z.infer<typeof JobTypes>;
export type RegisteredJobType = JobTypes["registered"][number];

const RunError = z.object({ message: z.string(), stack: z.string().nullable() }).nullable();

export const JobRunDetail = z.object({
  run: JobRunResponse,
  attempts: z.array(
    z.object({
      attempt: z.number(),
      workerId: z.string().nullable(),
      status: z.string(),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      error: RunError,
    }),
  ),
  logs: z.array(z.object({ at: z.string(), attempt: z.number(), level: z.string(), message: z.string() })),
  attachments: z.array(
    z.object({
      id: z.string(),
      purpose: z.string(),
      fileName: z.string(),
      contentType: z.string(),
      size: z.number(),
      createdAt: z.string(),
      downloadUrl: z.string(),
    }),
  ),
  audit: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      actorType: z.string(),
      actorEmail: z.string().nullable(),
      at: z.string(),
      details: z.unknown(),
    }),
  ),
  children: z.array(z.object({ id: z.string(), businessId: z.string().nullable(), jobType: z.string(), status: z.string() })),
});
export type JobRunDetail = z.infer<typeof JobRunDetail>;

export const TriggerResult = z.object({ run: JobRunResponse, created: z.boolean() });
export type TriggerResult = z.infer<typeof TriggerResult>;

export const RunChange = z.object({ run: JobRunResponse });

const RunStatusName = z.enum(RUN_STATUSES);
const BulkActionName = z.enum(["cancel", "retry"]);

/** Answer of POST /api/job-runs/bulk: each run's outcome, in the order asked (a filter: newest first). */
export const BulkResult = z.object({
  action: BulkActionName,
  dryRun: z.literal(false),
  counts: z.object({ done: z.number(), skipped: z.number(), notFound: z.number() }),
  results: z.array(
    z.discriminatedUnion("outcome", [
      z.object({ id: z.string(), outcome: z.literal("done"), status: RunStatusName }),
      z.object({ id: z.string(), outcome: z.literal("skipped"), status: RunStatusName }),
      z.object({ id: z.string(), outcome: z.literal("not_found") }),
    ]),
  ),
});
export type BulkResult = z.infer<typeof BulkResult>;

/** Answer of a dry run: how many runs are selected and how many of them the action applies to. */
export const BulkPreview = z.object({
  action: BulkActionName,
  dryRun: z.literal(true),
  matched: z.number(),
  eligible: z.number(),
  limit: z.number(),
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const BulkAnswer = z.union([BulkResult, BulkPreview]);
