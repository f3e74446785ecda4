import { listJobDefinitions, paramsJsonSchema } from "../jobs/registry";
import { scopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";

/** Job types a user can trigger (system jobs only for system admins) and types found in history. */
export async function listJobTypes({ scope, includeSystem }: { scope: Scope; includeSystem: boolean }) {
  const registered = listJobDefinitions()
    .filter((definition) => includeSystem || definition.scope === "tenant")
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
