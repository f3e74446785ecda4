import { recordAudit } from "../../audit/record-audit";
import { ALL_BUSINESSES, businessScope, scopedDb } from "../../tenancy";
import type { ClaimedRun, RunQueue } from "../claim";
import type { PreparedRunJob } from "./prepare-run-job";

/** Creates the run (trigger source "cli") already claimed by this process, and audits it. */
export async function createCliRun({
  queue,
  workerId,
  prepared: { definition, business, params },
}: {
  queue: RunQueue;
  workerId: string;
  prepared: PreparedRunJob;
}): Promise<ClaimedRun> {
  const run = await queue.insertClaimedRun({
    businessId: business?.id ?? null,
    scope: definition.scope,
    jobType: definition.type,
    params,
    maxAttempts: definition.maxAttempts,
    workerId,
    triggerSource: "cli",
    triggeredByUserId: null,
  });
  await recordAudit(scopedDb(business ? businessScope(business.id) : ALL_BUSINESSES), {
    actor: { type: "cli" },
    businessId: business?.id ?? null,
    action: "run.triggered",
    targetId: run.id,
    details: { jobType: definition.type, source: "cli" },
  });
  return run;
}
