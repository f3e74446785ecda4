import { AppError } from "../errors";
import { enqueueJob } from "../jobs/enqueue";
import { BusinessRefusesRunsError, IdempotencyConflictError } from "../jobs/errors";
import { getJobDefinition } from "../jobs/registry";
import type { JobDefinition } from "../jobs/define-job";
import { mayTrigger } from "../jobs/trigger-permission";
import type { Actor } from "../tenancy/actor";
import type { AccessRole } from "../tenancy/resolve-access";
import type { Scope } from "../tenancy/scope";
import type { JobRunCreate, JobRunResponse } from "./schemas";
import { serializeRun } from "./serialize";

export interface TriggerResult {
  run: JobRunResponse;
  /** false when the idempotency key matched an existing run */
  created: boolean;
}

/** Queues a run in the caller's business (or, for system admins, a named business or the system). */
export async function triggerJobRun({
  scope,
  actor,
  role,
  input,
}: {
  scope: Scope;
  actor: Actor;
  role: AccessRole;
  input: JobRunCreate;
}): Promise<TriggerResult> {
  const definition = getJobDefinition(input.jobType);
  if (!definition) {
    throw new AppError("bad_request", `Unknown job type "${input.jobType}"`, [{ path: "jobType", message: "is not a registered job type" }]);
  }
  if (!mayTrigger(definition, role)) {
    throw new AppError("forbidden", `Your role cannot run "${definition.type}"`);
  }
  const businessId = targetBusiness({ scope, actor, input, definition });
  const params = definition.params.safeParse(input.params);
  if (!params.success) {
    throw new AppError(
      "bad_request",
      `The parameters do not fit job type "${definition.type}"`,
      params.error.issues.map((issue) => ({ path: ["params", ...issue.path.map(String)].join("."), message: issue.message })),
    );
  }
  // The business check, the insert and its audit are one transaction inside enqueueJob; the answer is
  // the row it wrote, since a worker may claim the run the moment that transaction commits.
  const { row, created } = await enqueueJob({
    job: definition,
    businessId,
    actorUserId: actor.userId,
    params: params.data,
    idempotencyKey: input.idempotencyKey,
    runAt: input.runAt,
    priority: input.priority,
    tags: input.tags,
    triggerSource: input.source ?? "api",
  }).catch((error: unknown) => {
    throw asAppError(error);
  });
  return { run: serializeRun(row, scope), created };
}

function targetBusiness({
  scope,
  actor,
  input,
  definition,
}: {
  scope: Scope;
  actor: Actor;
  input: JobRunCreate;
  definition: JobDefinition;
}): string | null {
  let businessId: string | null;
  if (input.businessId !== undefined) {
    if (!actor.isSystemAdmin) throw new AppError("forbidden", "Runs always belong to your active business; businessId is not accepted");
    businessId = input.businessId;
  } else {
    businessId = scope.kind === "business" ? scope.businessId : null;
  }
  if (definition.scope === "tenant" && businessId === null) {
    throw new AppError("bad_request", `"${definition.type}" is a tenant job: a business id is required`, [
      { path: "businessId", message: "is required for tenant jobs" },
    ]);
  }
  if (definition.scope === "system" && businessId !== null) {
    throw new AppError("bad_request", `"${definition.type}" is a system job and belongs to no business`, [
      { path: "businessId", message: "must be null or absent for system jobs" },
    ]);
  }
  return businessId;
}

/** The queue's refusals as the API answers them. */
function asAppError(error: unknown): unknown {
  if (error instanceof IdempotencyConflictError) return new AppError("idempotency_conflict", error.message);
  if (error instanceof BusinessRefusesRunsError) {
    return error.status === null
      ? new AppError("not_found", "Business not found")
      : new AppError("conflict", "This business is suspended; no new runs can be queued");
  }
  return error;
}
