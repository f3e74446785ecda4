import { json } from "@/lib/api/respond";
import { parseQuery } from "@/lib/api/parse";
import { withScope } from "@/lib/api/with-scope";
import { BusinessOnlyQuery } from "@/lib/job-runs/schemas";
import { listRecentJobRuns } from "@/lib/job-runs/service";

// GET /api/job-runs/recent — the most recently finished runs
export const GET = withScope(async ({ req, scope }) => {
  const { businessId } = parseQuery(req, BusinessOnlyQuery);
  return json(await listRecentJobRuns({ scope, businessFilter: businessId }));
});
