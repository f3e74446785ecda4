import type { JobContext, JobStorage } from "../jobs/define-job";
import type { JobPayload } from "../jobs/payload";
import { createJobStorage, NO_STORAGE } from "../storage/job-storage";
import { ALL_BUSINESSES, businessScope, scopedDb, type ScopedDb } from "../tenancy";
import type { ClaimedRun } from "./claim";

export function payloadOf(run: ClaimedRun): JobPayload {
  return {
    businessId: run.businessId,
    actorUserId: run.triggeredByUserId,
    jobType: run.jobType,
    params: run.params,
    createdAt: run.createdAt,
    idempotencyKey: run.idempotencyKey,
  };
}

/**
 * The handler's view of the world: data access and storage bound to the run's business (or, for
 * system jobs, the all-businesses scope and no storage). The raw client is never part of it.
 *
 * The scoped client and the storage are made when the handler first reads them: a scoped client
 * is a Prisma extension, whose set-up was a fifth of everything a busy worker allocated per run,
 * and many jobs never touch the database through it.
 */
export function buildJobContext({
  run,
  params,
  signal,
  log,
  progress,
}: Pick<JobContext<unknown>, "params" | "signal" | "log" | "progress"> & { run: ClaimedRun }): JobContext<unknown> {
  const businessId = run.businessId;
  const scope = businessId ? businessScope(businessId) : ALL_BUSINESSES;
  let db: ScopedDb | undefined;
  let storage: JobStorage | undefined;
  const scopedDbOnce = () => (db ??= scopedDb(scope));
  return {
    runId: run.id,
    attempt: run.attempt,
    businessId,
    actor: run.triggeredByUserId ? { userId: run.triggeredByUserId } : null,
    params,
    payload: payloadOf(run),
    startedAt: run.startedAt,
    get db() {
      return scopedDbOnce();
    },
    get storage() {
      storage ??= businessId ? createJobStorage({ businessId, runId: run.id, db: scopedDbOnce() }) : NO_STORAGE;
      return storage;
    },
    signal,
    log,
    progress,
  };
}
