import { captureAccessRecheck } from "@/lib/api/access-recheck";
import { withScope } from "@/lib/api/with-scope";
import { runChangesCanBePushed, subscribeToRunChanges } from "@/lib/job-runs/run-change-feed";
import { runEventStream } from "@/lib/job-runs/run-event-stream";

export const dynamic = "force-dynamic";

// GET /api/job-runs/events — run changes in the caller's scope as Server-Sent Events (204 where the database cannot push)
export const GET = withScope(async (access) => {
  // 204 tells EventSource not to reconnect: the page keeps polling instead.
  if (!runChangesCanBePushed()) return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  const stillAllowed = await captureAccessRecheck(access.req, access);
  const body = runEventStream({ scope: access.scope, stillAllowed, subscribe: subscribeToRunChanges, signal: access.req.signal });
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
