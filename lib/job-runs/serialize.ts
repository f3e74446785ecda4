import type { JobRun } from "../db/generated/sqlite/client";
import type { Scope } from "../tenancy/scope";
import type { JobRunResponse } from "./schemas";
import { decodeTags } from "../jobs/run-tags";

/** Names looked up elsewhere: the business (shown to system admins) and who triggered the run. */
export interface RunExtras {
  businessName?: string | null;
  triggeredByEmail?: string | null;
}

/**
 * Worker ids name a host and a process id: operators' business, not tenants'. Only the
 * all-businesses scope, which belongs to system admins, sees them.
 */
export function seesWorkerIds(scope: Scope): boolean {
  return scope.kind === "all";
}

export function serializeRun(run: JobRun, scope: Scope, extras: RunExtras = {}): JobRunResponse {
  return {
    id: run.id,
    businessId: run.businessId,
    ...(extras.businessName !== undefined ? { businessName: extras.businessName } : {}),
    scope: run.scope as JobRunResponse["scope"],
    jobType: run.jobType,
    status: run.status as JobRunResponse["status"],
    params: run.params,
    result: run.result ?? null,
    error: run.errorMessage ? { message: run.errorMessage, stack: run.errorStack } : null,
    attempt: run.attempt,
    maxAttempts: run.maxAttempts,
    priority: run.priority,
    runAt: run.runAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    heartbeatAt: iso(run.heartbeatAt),
    durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    lockedBy: seesWorkerIds(scope) ? run.lockedBy : null,
    progress: run.progress,
    progressMessage: run.progressMessage,
    tags: decodeTags(run.tags),
    idempotencyKey: run.idempotencyKey,
    triggeredByUserId: run.triggeredByUserId,
    ...(extras.triggeredByEmail !== undefined ? { triggeredByEmail: extras.triggeredByEmail } : {}),
    triggerSource: run.triggerSource as JobRunResponse["triggerSource"],
    parentRunId: run.parentRunId,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
  };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
