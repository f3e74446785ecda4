import { json } from "@/lib/api/respond";
import { parseJsonBody } from "@/lib/api/parse";
import { withScope } from "@/lib/api/with-scope";
import { JobRunBulkRequest } from "@/lib/job-runs/schemas";
import { bulkChangeJobRuns } from "@/lib/job-runs/service";

// POST /api/job-runs/bulk — cancel or retry many runs, by ids or by the list's filters (admins)
export const POST = withScope(
  async ({ req, scope, actor }) => {
    const input = await parseJsonBody(req, JobRunBulkRequest);
    return json(await bulkChangeJobRuns({ scope, actor, input }));
  },
  { requireManager: true, changesRuns: true },
);
