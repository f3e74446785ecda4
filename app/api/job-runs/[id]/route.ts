import { json } from "@/lib/api/respond";
import { parseParam } from "@/lib/api/parse";
import { withScope } from "@/lib/api/with-scope";
import { RunId } from "@/lib/job-runs/schemas";
import { getJobRunDetail } from "@/lib/job-runs/service";

// GET /api/job-runs/[id] — one run with attempts, logs, attachments and audit trail
export const GET = withScope<{ id: string }>(async ({ scope, params }) => {
  const id = parseParam(params.id, RunId, "run id");
  return json(await getJobRunDetail({ scope, id }));
});
