import type { JobDefinition } from "../jobs/define-job";
import { FailClosedError, PermanentJobError } from "../jobs/errors";
import type { JobRegistry } from "../jobs/registry";
import { ALL_BUSINESSES, scopedDb } from "../tenancy";
import { isMember } from "../tenancy/identity-store";
import type { ClaimedRun } from "./claim";

export interface CheckedRun {
  definition: JobDefinition;
  params: unknown;
}

/**
 * Everything re-checked when a run starts, because it may have changed since the run was queued:
 * the job type still exists and matches the run's scope, the business exists and is active, the
 * actor still belongs to it, and the params still parse. Any failure throws before handler code
 * runs; none of them is retried.
 */
export async function checkRunMayStart({ run, jobs }: { run: ClaimedRun; jobs: JobRegistry }): Promise<CheckedRun> {
  const definition = jobs.get(run.jobType);
  if (!definition) throw new PermanentJobError(`Unknown job type "${run.jobType}"; no handler is registered for it`);

  if (definition.scope === "tenant") {
    if (!run.businessId || run.scope !== "tenant") {
      throw new FailClosedError(`FAIL-CLOSED: "${run.jobType}" is a tenant job but the run has no business; it was not executed.`);
    }
    await assertBusinessActive(run.businessId);
    if (run.triggeredByUserId) await assertActorBelongs({ userId: run.triggeredByUserId, businessId: run.businessId });
  } else {
    if (run.businessId || run.scope !== "system") {
      throw new FailClosedError(`"${run.jobType}" is a system job but the run belongs to a business; it was not executed.`);
    }
    if (run.triggeredByUserId) await assertActorIsSystemAdmin(run.triggeredByUserId);
  }

  const parsed = definition.params.safeParse(run.params ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "params"}: ${issue.message}`);
    throw new PermanentJobError(`Invalid params for "${run.jobType}": ${issues.join("; ")}`);
  }
  return { definition, params: parsed.data };
}

async function assertBusinessActive(businessId: string): Promise<void> {
  const business = await scopedDb(ALL_BUSINESSES).business.findUnique({
    where: { id: businessId },
    select: { name: true, status: true },
  });
  if (!business) throw new FailClosedError(`FAIL-CLOSED: business ${businessId} no longer exists; the run was not executed.`);
  if (business.status !== "active") {
    throw new FailClosedError(`Business "${business.name}" is ${business.status}; the run was not executed.`);
  }
}

async function assertActorBelongs({ userId, businessId }: { userId: string; businessId: string }): Promise<void> {
  if (await isMember({ userId, businessId })) return;
  const user = await scopedDb(ALL_BUSINESSES).user.findUnique({ where: { id: userId }, select: { isSystemAdmin: true } });
  if (user?.isSystemAdmin) return;
  throw new FailClosedError("The user who requested this run no longer belongs to the business; the run was not executed.");
}

async function assertActorIsSystemAdmin(userId: string): Promise<void> {
  const user = await scopedDb(ALL_BUSINESSES).user.findUnique({ where: { id: userId }, select: { isSystemAdmin: true } });
  if (!user?.isSystemAdmin) {
    throw new FailClosedError("The user who requested this system run is no longer a system admin; the run was not executed.");
  }
}
