import type { Prisma } from "../../../db/sql";
import { queueRunsInBulk } from "./bulk-runs";
import { queuedRunCount } from "./run-census";

export interface QueueFeeder {
  /** Ids of every run queued so far. */
  readonly ids: readonly string[];
  stop(): Promise<void>;
}

/**
 * Keeps about `backlog` runs waiting, topping up every `everyMs`, so the workers are busy the
 * whole time (a kill then always hits runs in flight) without a pile that takes long to drain.
 */
export function keepQueueFed({
  businessIds,
  jobType,
  params,
  backlog,
  everyMs = 200,
  maxAttempts,
}: {
  businessIds: string[];
  jobType: string;
  params: Prisma.Sql;
  backlog: number;
  everyMs?: number;
  maxAttempts?: number;
}): QueueFeeder {
  const ids: string[] = [];
  let stopped = false;
  let turn = 0;
  const loop = (async () => {
    while (!stopped) {
      const missing = backlog - (await queuedRunCount());
      if (missing > 0) {
        const businessId = businessIds[turn++ % businessIds.length]!;
        ids.push(...(await queueRunsInBulk({ businessId, jobType, count: missing, params, maxAttempts })));
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    ids,
    async stop() {
      stopped = true;
      await loop;
    },
  };
}
