import { json } from "@/lib/api/respond";
import { parseJsonBody, parseQuery } from "@/lib/api/parse";
import { withScope } from "@/lib/api/with-scope";
import { JobRunCreate, JobRunListQuery } from "@/lib/job-runs/schemas";
import { listJobRuns, triggerJobRun } from "@/lib/job-runs/service";

// GET /api/job-runs — list runs by creation time, with filters, a keyset cursor and a total
export const GET = withScope(async ({ req, scope }) => {
  const { cursor, limit, order, ...filters } = parseQuery(req, JobRunListQuery);
  return json(await listJobRuns({ scope, filters, cursor, limit, order }));
});

// POST /api/job-runs — trigger a run
export const POST = withScope(async ({ req, scope, actor, role }) => {
  const input = await parseJsonBody(req, JobRunCreate);
  const { run, created } = await triggerJobRun({ scope, actor, role, input });
  return json({ run, created }, created ? 201 : 200);
}, { changesRuns: true });
