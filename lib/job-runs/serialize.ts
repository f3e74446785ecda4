import type { JobRun } from "../db/generated/sqlite/client";
import type { JobRunResponse } from "./schemas";
import { decodeTags } from "./tags";

export function serializeRun(run: JobRun, businessName?: string | null): JobRunResponse {
  return {
    id: run.id,
    businessId: run.businessId,
    ...(businessName !== undefined ? { businessName } : {}),
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
    triggerSource: run.triggerSource as JobRunResponse["triggerSource"],
    parentRunId: run.parentRunId,
    createdAt: run.createdAt.toISOString(),
    updatedAt: run.updatedAt.toISOString(),
  };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
