import { listJobDefinitions, paramsJsonSchema } from "../jobs/registry";
import { mayTrigger } from "../jobs/trigger-permission";
import type { AccessRole } from "../tenancy/resolve-access";
import { scopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";

/** Job types the caller's role may trigger, and types found in history. */
export async function listJobTypes({ scope, role }: { scope: Scope; role: AccessRole }) {
  const registered = listJobDefinitions()
    .filter((definition) => mayTrigger(definition, role))
    .map((definition) => ({
      type: definition.type,
      title: definition.title,
      description: definition.description,
      scope: definition.scope,
      maxAttempts: definition.maxAttempts,
      timeoutMs: definition.timeoutMs,
      paramsSchema: paramsJsonSchema(definition),
    }));
  const seen = await scopedDb(scope).jobRun.groupBy({ by: ["jobType"], _count: { _all: true }, orderBy: { jobType: "asc" } });
  return {
    registered,
    seen: seen.map((row) => ({ type: row.jobType, runs: row._count._all })),
  };
}
