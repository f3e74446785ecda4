import type { JobRun } from "../db/generated/sqlite/client";
import type { JobRunResponse } from "./schemas";
import { decodeTags } from "../jobs/run-tags";

/** Names looked up elsewhere: the business (shown to system admins) and who triggered the run. */
export interface RunExtras {
  businessName?: string | null;
  triggeredByEmail?: string | null;
}

export function serializeRun(run: JobRun, extras: RunExtras = {}): JobRunResponse {
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
    lockedBy: run.lockedBy,
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
