import { json } from "@/lib/api/respond";
import { parseQuery } from "@/lib/api/parse";
import { withScope } from "@/lib/api/with-scope";
import { StatsQuery } from "@/lib/job-runs/schemas";
import { getJobRunStats } from "@/lib/job-runs/service";

// GET /api/job-runs/stats — counts, success rate, durations and a time series for charts
export const GET = withScope(async ({ req, scope }) => {
  const { window, businessId } = parseQuery(req, StatsQuery);
  return json(await getJobRunStats({ scope, window, businessFilter: businessId }));
});
