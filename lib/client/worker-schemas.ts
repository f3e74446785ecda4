import { z } from "zod";

// The answer of GET /api/workers (system admins only); free of React so the API description can read it.

export const WorkerList = z.object({
  /** A worker whose last heartbeat is older than this is shown as stale. */
  staleAfterMs: z.number(),
  workers: z.array(
    z.object({
      id: z.string(),
      host: z.string(),
      pid: z.number(),
      version: z.string(),
      concurrency: z.number(),
      runsInFlight: z.number(),
      startedAt: z.string(),
      lastHeartbeatAt: z.string(),
      heartbeatAgeMs: z.number(),
      stale: z.boolean(),
      runningRuns: z.array(
        z.object({ id: z.string(), jobType: z.string(), businessId: z.string().nullable(), startedAt: z.string().nullable() }),
      ),
    }),
  ),
});
export type WorkerList = z.infer<typeof WorkerList>;
export type WorkerSummary = WorkerList["workers"][number];
