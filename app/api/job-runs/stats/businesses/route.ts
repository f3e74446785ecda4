import { json } from "@/lib/api/respond";
import { parseQuery } from "@/lib/api/parse";
import { withScope } from "@/lib/api/with-scope";
import { WindowQuery } from "@/lib/job-runs/schemas";
import { getBusinessBreakdown } from "@/lib/job-runs/service";

// GET /api/job-runs/stats/businesses — runs, failures and the live queue per business (system admins)
export const GET = withScope(async ({ req, scope }) => {
  const { window } = parseQuery(req, WindowQuery);
  return json(await getBusinessBreakdown({ scope, window }));
});
