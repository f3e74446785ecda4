import { json } from "@/lib/api/respond";
import { parseParam } from "@/lib/api/parse";
import { withScope } from "@/lib/api/with-scope";
import { RunId } from "@/lib/job-runs/schemas";
import { retryJobRun } from "@/lib/job-runs/service";

// POST /api/job-runs/[id]/retry — queue a failed or cancelled run again (admins)
export const POST = withScope<{ id: string }>(
  async ({ scope, actor, params }) => {
    const id = parseParam(params.id, RunId, "run id");
    return json({ run: await retryJobRun({ scope, actor, id }) });
  },
  { requireManager: true, changesRuns: true },
);
