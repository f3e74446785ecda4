import type { JobDefinition } from "../jobs/define-job";
import { FailClosedError, PermanentJobError } from "../jobs/errors";
import type { JobRegistry } from "../jobs/registry";
import type { ClaimedRun, RunStartFacts } from "./claim";

export interface CheckedRun {
  definition: JobDefinition;
  params: unknown;
}

/**
 * Everything re-checked when a run starts, because it may have changed since the run was queued:
 * the job type still exists and matches the run's scope, the business exists and is active, the
 * actor still belongs to it, and the params still parse. `facts` are read for the whole claimed
 * batch at once (RunQueue.readStartFacts). Any failure throws before handler code runs; none of
 * them is retried.
 */
export function checkRunMayStart({ run, jobs, facts }: { run: ClaimedRun; jobs: JobRegistry; facts: RunStartFacts | undefined }): CheckedRun {
  const definition = jobs.get(run.jobType);
  if (!definition) throw new PermanentJobError(`Unknown job type "${run.jobType}"; no handler is registered for it`);

  if (definition.scope === "tenant") {
    if (!run.businessId || run.scope !== "tenant") {
      throw new FailClosedError(`FAIL-CLOSED: "${run.jobType}" is a tenant job but the run has no business; it was not executed.`);
    }
    assertBusinessActive(run.businessId, facts?.business ?? null);
    if (run.triggeredByUserId) assertActorBelongs(facts?.actor ?? null);
  } else {
    if (run.businessId || run.scope !== "system") {
      throw new FailClosedError(`"${run.jobType}" is a system job but the run belongs to a business; it was not executed.`);
    }
    if (run.triggeredByUserId && !facts?.actor?.isSystemAdmin) {
      throw new FailClosedError("The user who requested this system run is no longer a system admin; the run was not executed.");
    }
  }

  const parsed = definition.params.safeParse(run.params ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "params"}: ${issue.message}`);
    throw new PermanentJobError(`Invalid params for "${run.jobType}": ${issues.join("; ")}`);
  }
  return { definition, params: parsed.data };
}

function assertBusinessActive(businessId: string, business: RunStartFacts["business"]): void {
  if (!business) throw new FailClosedError(`FAIL-CLOSED: business ${businessId} no longer exists; the run was not executed.`);
  if (business.status !== "active") {
    throw new FailClosedError(`Business "${business.name}" is ${business.status}; the run was not executed.`);
  }
}

function assertActorBelongs(actor: RunStartFacts["actor"]): void {
  if (actor?.isMember || actor?.isSystemAdmin) return;
  throw new FailClosedError("The user who requested this run no longer belongs to the business; the run was not executed.");
}
