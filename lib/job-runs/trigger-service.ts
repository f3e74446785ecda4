import { AppError } from "../errors";
import { enqueueJob } from "../jobs/enqueue";
import { IdempotencyConflictError } from "../jobs/errors";
import { getJobDefinition } from "../jobs/registry";
import type { JobDefinition } from "../jobs/define-job";
import { mayTrigger } from "../jobs/trigger-permission";
import type { Actor } from "../tenancy/actor";
import type { AccessRole } from "../tenancy/resolve-access";
import { scopedDb } from "../tenancy/scoped-db";
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
  const db = scopedDb(scope);
  if (businessId) await assertBusinessAcceptsRuns(db, businessId);

  const { id, created } = await enqueueJob({
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
    if (error instanceof IdempotencyConflictError) throw new AppError("idempotency_conflict", error.message);
    throw error;
  });
  const run = await db.jobRun.findFirstOrThrow({ where: { id } });
  return { run: serializeRun(run, scope), created };
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

async function assertBusinessAcceptsRuns(db: ReturnType<typeof scopedDb>, businessId: string): Promise<void> {
  const business = await db.business.findUnique({ where: { id: businessId }, select: { status: true } });
  if (!business) throw new AppError("not_found", "Business not found");
  if (business.status !== "active") throw new AppError("conflict", "This business is suspended; no new runs can be queued");
}
