import { json } from "@/lib/api/respond";
import { parseQuery } from "@/lib/api/parse";
import { withScope } from "@/lib/api/with-scope";
import { BusinessOnlyQuery } from "@/lib/job-runs/schemas";
import { listActiveJobRuns } from "@/lib/job-runs/service";

// GET /api/job-runs/active — queued and running runs with their progress
export const GET = withScope(async ({ req, scope }) => {
  const { businessId } = parseQuery(req, BusinessOnlyQuery);
  return json(await listActiveJobRuns({ scope, businessFilter: businessId }));
});
