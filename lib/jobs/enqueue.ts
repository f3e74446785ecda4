import { isDeepStrictEqual } from "node:util";
import { recordAudit } from "../audit/record-audit";
import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import { ALL_BUSINESSES, businessScope, scopedDb, type ScopedDb } from "../tenancy";
import { insertQueuedRun } from "../tenancy/queued-run-store";
import type { JobDefinition } from "./define-job";
import { dedupeKeyFor } from "./dedupe-key";
import { BusinessRefusesRunsError, FailClosedError, IdempotencyConflictError, PermanentJobError } from "./errors";
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
  /** The run as this call wrote it (or found it), read inside the transaction: a worker may claim it the moment it commits. */
  row: JobRun;
}

type JobRun = Awaited<ReturnType<ScopedDb["jobRun"]["create"]>>;
type Tx = Parameters<Parameters<ScopedDb["$transaction"]>[0]>[0];

/**
 * Queues one run. A tenant job without a business is refused before anything is written, and so
 * is a business that does not exist or is suspended; the worker checks all of it again when the
 * run starts, because the business may change in between. The insert, the check and its audit
 * record land together: one statement on PostgreSQL, one transaction of three on SQLite.
 */
export async function enqueueJob(options: EnqueueJobOptions): Promise<EnqueuedRun> {
  const { job, businessId } = options;
  refuseMisplacedJob(job, businessId);
  const params = parseParams(job, options.params);
  const scope = businessId ? businessScope(businessId) : ALL_BUSINESSES;
  const db = scopedDb(scope);
  const dedupeKey = options.idempotencyKey
    ? dedupeKeyFor({ businessId, idempotencyKey: options.idempotencyKey, triggerSource: options.triggerSource })
    : null;
  if (sqlDialect().name === "postgresql") {
    const outcome = await insertQueuedRun(scope, queuedRunInsert(options, params, dedupeKey));
    if (outcome.kind === "created") return { id: outcome.row.id, businessId: outcome.row.businessId, created: true, row: outcome.row };
    if (outcome.kind === "refused") throw new BusinessRefusesRunsError(businessId!, outcome.businessStatus);
    return existingRun(db, { job, params, dedupeKey: dedupeKey! });
  }
  try {
    const row = await db.$transaction(async (tx) => {
      // The insert comes first: on SQLite a transaction that reads before it writes cannot wait for
      // a busy writer (a worker settling a run) and fails at once; one that starts with its write
      // waits its turn. A business that turns out not to take runs rolls the insert back.
      const created = await insertRun(tx, { options, params, dedupeKey }).catch((error: unknown) => {
        if (businessId && isForeignKeyError(error)) throw new BusinessRefusesRunsError(businessId, null);
        throw error;
      });
      if (businessId) await assertBusinessAcceptsRuns(tx, businessId);
      await auditTrigger(tx, options, created.id);
      return created;
    });
    return { id: row.id, businessId: row.businessId, created: true, row };
  } catch (error) {
    if (dedupeKey && error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return existingRun(db, { job, params, dedupeKey });
    }
    throw error;
  }
}

/** Another process queued the same key first (two schedulers, a retried request): theirs wins. */
async function existingRun(db: ScopedDb, { job, params, dedupeKey }: { job: JobDefinition; params: unknown; dedupeKey: string }): Promise<EnqueuedRun> {
  const existing = await db.jobRun.findFirst({ where: { dedupeKey } });
  // Deleted between the insert and this read: as if the key had never been used, which a retry sees.
  if (!existing) throw new Error("The run holding this idempotency key was deleted meanwhile; try again");
  if (existing.jobType !== job.type || !sameParams(existing.params, params)) throw new IdempotencyConflictError(existing.id);
  return { id: existing.id, businessId: existing.businessId, created: false, row: existing };
}

function queuedRunInsert(options: EnqueueJobOptions, params: unknown, dedupeKey: string | null) {
  const { job } = options;
  return {
    businessId: options.businessId,
    scope: job.scope,
    jobType: job.type,
    params,
    maxAttempts: job.maxAttempts,
    priority: options.priority ?? 0,
    runAt: options.runAt ?? null,
    idempotencyKey: options.idempotencyKey ?? null,
    dedupeKey,
    triggeredByUserId: options.actorUserId ?? null,
    triggerSource: options.triggerSource,
    parentRunId: options.parentRunId ?? null,
    tags: encodeTags(options.tags),
    audit: { ...auditActor(options), action: "run.triggered", details: auditDetails(options) },
  };
}

function refuseMisplacedJob(job: JobDefinition, businessId: string | null): void {
  if (job.scope === "tenant" && !businessId) {
    throw new FailClosedError(`FAIL-CLOSED: "${job.type}" is a tenant job and needs a business id.`);
  }
  if (job.scope === "system" && businessId) {
    throw new FailClosedError(`"${job.type}" is a system job and cannot belong to a business.`);
  }
}

function parseParams(job: JobDefinition, raw: unknown): unknown {
  const parsed = job.params.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "params"}: ${issue.message}`);
    throw new PermanentJobError(`Invalid params for "${job.type}": ${issues.join("; ")}`);
  }
  return parsed.data;
}

async function assertBusinessAcceptsRuns(tx: Tx, businessId: string): Promise<void> {
  const business = await tx.business.findUnique({ where: { id: businessId }, select: { status: true } });
  if (!business) throw new BusinessRefusesRunsError(businessId, null);
  if (business.status !== "active") throw new BusinessRefusesRunsError(businessId, business.status);
}

/** The run's business does not exist: its foreign key refused the insert. */
function isForeignKeyError(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003";
}

/** Inserts the run and returns the whole row as written. */
function insertRun(tx: Tx, { options, params, dedupeKey }: { options: EnqueueJobOptions; params: unknown; dedupeKey: string | null }): Promise<JobRun> {
  const { audit: _audit, runAt, ...fields } = queuedRunInsert(options, params, dedupeKey);
  return tx.jobRun.create({ data: { ...fields, params: params as Prisma.InputJsonValue, ...(runAt ? { runAt } : {}) } });
}

function auditTrigger(tx: Tx, options: EnqueueJobOptions, runId: string): Promise<void> {
  return recordAudit(tx, {
    actor: options.actorUserId ? { type: "user", userId: options.actorUserId } : { type: "system" },
    businessId: options.businessId,
    action: "run.triggered",
    targetId: runId,
    details: auditDetails(options),
  });
}

function auditActor(options: EnqueueJobOptions): { actorType: "user" | "system"; actorUserId: string | null } {
  return options.actorUserId ? { actorType: "user", actorUserId: options.actorUserId } : { actorType: "system", actorUserId: null };
}

function auditDetails(options: EnqueueJobOptions): Record<string, unknown> {
  return { jobType: options.job.type, idempotencyKey: options.idempotencyKey ?? null, source: options.triggerSource };
}

/** Params as stored (JSON) against params as parsed now; key order does not matter. */
function sameParams(stored: unknown, parsed: unknown): boolean {
  return isDeepStrictEqual(stored, JSON.parse(JSON.stringify(parsed ?? {})));
}
