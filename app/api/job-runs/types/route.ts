import { json } from "@/lib/api/respond";
import { parseQuery } from "@/lib/api/parse";
import { withScope } from "@/lib/api/with-scope";
import { NoQuery } from "@/lib/job-runs/schemas";
import { listJobTypes } from "@/lib/job-runs/service";

// GET /api/job-runs/types — job types the caller may trigger with their parameter schemas, and types seen in history
export const GET = withScope(async ({ req, scope, role }) => {
  parseQuery(req, NoQuery);
  return json(await listJobTypes({ scope, role }));
});
