import { json } from "@/lib/api/respond";
import { parseQuery } from "@/lib/api/parse";
import { withSystemAdmin } from "@/lib/api/with-system-admin";
import { NoQuery } from "@/lib/job-runs/schemas";
import { listWorkers } from "@/lib/workers/service";

export const dynamic = "force-dynamic";

// GET /api/workers — registered workers, their heartbeats and running runs (system admins only)
export const GET = withSystemAdmin(async ({ req, scope }) => {
  parseQuery(req, NoQuery);
  return json(await listWorkers({ scope }));
});
