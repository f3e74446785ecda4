import { z } from "zod";
import { uuid } from "../api/uuid";

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const ACTIVE_STATUSES: RunStatus[] = ["queued", "running"];
/** The orders the run list offers: by creation time, either way, the id breaking ties. */
export const RUN_ORDERS = ["newest", "oldest"] as const;
export type RunOrder = (typeof RUN_ORDERS)[number];
export const TRIGGER_SOURCES = ["manual", "api", "schedule", "cli", "system"] as const;

export const RunId = uuid("must be a run id (UUID)");

const IsoDate = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).transform((value) => new Date(value));
const Tag = z.string().trim().min(1).max(40).regex(/^[\w.:-]+$/, "may contain letters, digits and . _ : -");

/** Body of POST /api/job-runs. Unknown keys are refused rather than ignored. */
export const JobRunCreate = z
  .object({
    jobType: z.string().min(1).max(64),
    params: z.record(z.string(), z.unknown()).default({}),
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
    runAt: IsoDate.optional(),
    priority: z.number().int().min(-100).max(100).optional(),
    tags: z.array(Tag).max(10).optional(),
    /** Only system admins may name a business; null asks for a system run. */
    businessId: uuid().nullable().optional(),
    source: z.enum(["manual", "api"]).optional(),
  })
  .strict();
export type JobRunCreate = z.infer<typeof JobRunCreate>;

/** "system" and "orphan" select runs with no business; only system admins may use this filter. */
export const BusinessFilter = z.union([z.literal("system"), z.literal("orphan"), uuid()]);

const StatusList = z
  .string()
  .transform((value) => value.split(",").map((status) => status.trim()).filter(Boolean))
  .pipe(z.array(z.enum(RUN_STATUSES)).max(RUN_STATUSES.length));

/** One tag, or several (a comma list or a repeated `tag`): a run must carry all of them. */
const TagList = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((tag) => tag.trim()))])
  .pipe(z.array(Tag).min(1).max(10));

const JobRunFilterFields = z.object({
  status: StatusList.optional(),
  jobType: z.string().trim().min(1).max(64).optional(),
  tag: TagList.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  businessId: BusinessFilter.optional(),
});
export type JobRunFilters = z.infer<typeof JobRunFilterFields>;

const fromNotAfterTo = (filters: JobRunFilters) => !filters.from || !filters.to || filters.from <= filters.to;

export const JobRunFilters = JobRunFilterFields.strict().refine(fromNotAfterTo, {
  message: "from must not be after to",
  path: ["from"],
});

/** The most runs one bulk request may change; a larger selection is refused whole, never cut short. */
export const BULK_LIMIT = 1000;
export const BULK_ACTIONS = ["cancel", "retry"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/**
 * Body of POST /api/job-runs/bulk: the runs named by id, or every run matching the list's filters
 * (in the list query's own format). A dry run counts what would change and changes nothing.
 */
export const JobRunBulkRequest = z
  .object({
    action: z.enum(BULK_ACTIONS),
    ids: z
      .array(RunId)
      .min(1)
      .max(BULK_LIMIT, `at most ${BULK_LIMIT.toLocaleString("en-US")} runs can be changed in one request`)
      .optional(),
    filter: JobRunFilters.optional(),
    dryRun: z.boolean().optional(),
  })
  .strict()
  .refine((body) => (body.ids === undefined) !== (body.filter === undefined), {
    message: "name the runs either by ids or by filter, not both and not neither",
    path: ["ids"],
  });
export type JobRunBulkRequest = z.infer<typeof JobRunBulkRequest>;

/** Query of GET /api/job-runs: filters plus keyset pagination. */
export const JobRunListQuery = JobRunFilterFields.extend({
  cursor: z.string().max(200).optional(),
  /** By creation time: newest first (the default) or oldest first. */
  order: z.enum(RUN_ORDERS).default("newest"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})
  .strict()
  .refine(fromNotAfterTo, { message: "from must not be after to", path: ["from"] });

export const STATS_WINDOWS = { "24h": 24 * 3600_000, "7d": 7 * 86400_000, "30d": 30 * 86400_000 } as const;
export type StatsWindow = keyof typeof STATS_WINDOWS;
export const StatsQuery = z
  .object({
    window: z.enum(["24h", "7d", "30d"]).default("24h"),
    businessId: BusinessFilter.optional(),
  })
  .strict();

export const WindowQuery = z.object({ window: z.enum(["24h", "7d", "30d"]).default("24h") }).strict();

export const BusinessOnlyQuery = z.object({ businessId: BusinessFilter.optional() }).strict();
export const NoQuery = z.object({}).strict();

export const JobRunResponse = z.object({
  id: z.string(),
  businessId: z.string().nullable(),
  businessName: z.string().nullable().optional(),
  scope: z.enum(["tenant", "system"]),
  jobType: z.string(),
  status: z.enum(RUN_STATUSES),
  params: z.unknown(),
  result: z.unknown().nullable(),
  error: z.object({ message: z.string(), stack: z.string().nullable() }).nullable(),
  attempt: z.number(),
  maxAttempts: z.number(),
  priority: z.number(),
  runAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  heartbeatAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  lockedBy: z.string().nullable(),
  progress: z.number().nullable(),
  progressMessage: z.string().nullable(),
  tags: z.array(z.string()),
  idempotencyKey: z.string().nullable(),
  triggeredByUserId: z.string().nullable(),
  triggeredByEmail: z.string().nullable().optional(),
  triggerSource: z.enum(TRIGGER_SOURCES),
  parentRunId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JobRunResponse = z.infer<typeof JobRunResponse>;
