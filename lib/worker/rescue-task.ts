import type { RunQueue } from "./claim";
import type { PeriodicTask } from "./periodic-task";
import { rescueStaleRuns } from "./rescue";
import type { MessageLog } from "../logging/logger";
import { countRescues } from "../metrics/worker-metrics";

/** Every worker sweeps for stalled runs, by default three times per `rescueAfterMs` (between 0.5 s and 60 s). */
export function rescueTask({
  queue,
  rescueAfterMs,
  rescueIntervalMs,
  log,
}: {
  queue: RunQueue;
  rescueAfterMs: number;
  rescueIntervalMs?: number;
  log: MessageLog;
}): PeriodicTask {
  return {
    name: "rescue",
    atStart: true,
    everyMs: rescueIntervalMs ?? Math.min(60_000, Math.max(500, Math.round(rescueAfterMs / 3))),
    run: async () => {
      const summary = await rescueStaleRuns({ queue, staleAfterMs: rescueAfterMs });
      countRescues(summary);
      if (summary.requeued || summary.failed) log(`Rescued stalled runs: ${summary.requeued} queued again, ${summary.failed} failed`);
    },
  };
}
