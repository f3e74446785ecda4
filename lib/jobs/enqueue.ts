import { isDeepStrictEqual } from "node:util";
import { recordAudit } from "../audit/record-audit";
import { Prisma } from "../db/sql";
import { ALL_BUSINESSES, businessScope, scopedDb, type Scope } from "../tenancy";
import type { JobDefinition } from "./define-job";
import { dedupeKeyFor } from "./dedupe-key";
import { FailClosedError, IdempotencyConflictError, PermanentJobError } from "./errors";
import { encodeTags } from "./run-tags";

export type TriggerSource = "manual" | "api" | "schedule" | "cli" | "system";

export interface EnqueueJobOptions {
  job: JobDefinition;
  /** Required for tenant jobs, forbidden for system jobs. */
  businessId: string | null;
  actorUserId?: string | null;
  params: unknown;
  /**
   * Same key, job type and params for the same business (or the system) return the existing run
   * instead of a new one; the same key with another type or other params throws
   * IdempotencyConflictError. Users' keys and the system's are kept apart (see dedupeKeyFor).
   */
  idempotencyKey?: string;
  runAt?: Date;
  priority?: number;
  triggerSource: TriggerSource;
  parentRunId?: string;
  tags?: readonly string[];
}

export interface EnqueuedRun {
  id: string;
  businessId: string | null;
  /** false when the idempotency key matched a run that already existed */
  created: boolean;
}

/**
 * Queues one run. A tenant job without a business is refused before anything is written, and so
 * is a business that does not exist or is suspended; the worker checks all of it again when the
 * run starts, because the business may change in between.
 */
export async function enqueueJob(options: EnqueueJobOptions): Promise<EnqueuedRun> {
  const { job, businessId } = options;
  if (job.scope === "tenant" && !businessId) {
    throw new FailClosedError(`FAIL-CLOSED: "${job.type}" is a tenant job and needs a business id.`);
  }
  if (job.scope === "system" && businessId) {
    throw new FailClosedError(`"${job.type}" is a system job and cannot belong to a business.`);
  }
  const parsed = job.params.safeParse(options.params ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "params"}: ${issue.message}`);
    throw new PermanentJobError(`Invalid params for "${job.type}": ${issues.join("; ")}`);
  }

  const scope: Scope = businessId ? businessScope(businessId) : ALL_BUSINESSES;
  const db = scopedDb(scope);
  if (businessId) {
    const business = await db.business.findUnique({ where: { id: businessId }, select: { status: true } });
    if (!business) throw new FailClosedError(`FAIL-CLOSED: business ${businessId} does not exist.`);
    if (business.status !== "active") throw new FailClosedError(`Business ${businessId} is ${business.status}; no runs can be queued.`);
  }

  const dedupeKey = options.idempotencyKey
    ? dedupeKeyFor({ businessId, idempotencyKey: options.idempotencyKey, triggerSource: options.triggerSource })
    : null;
  try {
    const run = await db.$transaction(async (tx) => {
      const created = await tx.jobRun.create({
        data: {
          businessId,
          scope: job.scope,
          jobType: job.type,
          params: parsed.data as Prisma.InputJsonValue,
          maxAttempts: job.maxAttempts,
          priority: options.priority ?? 0,
          ...(options.runAt ? { runAt: options.runAt } : {}),
          idempotencyKey: options.idempotencyKey ?? null,
          dedupeKey,
          triggeredByUserId: options.actorUserId ?? null,
          triggerSource: options.triggerSource,
          parentRunId: options.parentRunId ?? null,
          tags: encodeTags(options.tags),
        },
        select: { id: true, businessId: true },
      });
      await recordAudit(tx, {
        actor: options.actorUserId ? { type: "user", userId: options.actorUserId } : { type: "system" },
        businessId,
        action: "run.triggered",
        targetId: created.id,
        details: { jobType: job.type, idempotencyKey: options.idempotencyKey ?? null, source: options.triggerSource },
      });
      return created;
    });
    return { ...run, created: true };
  } catch (error) {
    // Another process queued the same key first (two schedulers, a retried request): theirs wins.
    if (dedupeKey && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const existing = await db.jobRun.findFirst({
        where: { dedupeKey },
        select: { id: true, businessId: true, jobType: true, params: true },
      });
      if (existing) {
        if (existing.jobType !== job.type || !sameParams(existing.params, parsed.data)) throw new IdempotencyConflictError(existing.id);
        return { id: existing.id, businessId: existing.businessId, created: false };
      }
    }
    throw error;
  }
}

/** Params as stored (JSON) against params as parsed now; key order does not matter. */
function sameParams(stored: unknown, parsed: unknown): boolean {
  return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(parsed ?? {})));
}
