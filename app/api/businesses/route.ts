import { json } from "@/lib/api/respond";
import { parseQuery } from "@/lib/api/parse";
import { withScope } from "@/lib/api/with-scope";
import { listBusinesses } from "@/lib/businesses/service";
import { NoQuery } from "@/lib/job-runs/schemas";

// GET /api/businesses — businesses the caller can pick: all for system admins, else their own
export const GET = withScope(async ({ req, scope, actor }) => {
  parseQuery(req, NoQuery);
  return json({ businesses: await listBusinesses({ scope, actor }) });
});
