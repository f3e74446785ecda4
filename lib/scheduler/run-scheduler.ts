import type { Logger } from "../logging/logger";
import type { PeriodicTask } from "../worker/worker";
import { countFanOut } from "../metrics/worker-metrics";
import { tickScheduler, type TickResult } from "./tick";

/** The scheduler as a task the worker (or the standalone scheduler) repeats. */
export function schedulerTask({ everyMs, logger }: { everyMs: number; logger: Logger }): PeriodicTask {
  return {
    name: "scheduler",
    everyMs,
    atStart: true,
    async run() {
      const results = await tickScheduler();
      for (const result of results.filter((entry) => entry.created)) {
        countFanOut(result.schedule);
        logScheduledSlot(logger, result);
      }
    },
  };
}

export function logScheduledSlot(logger: Logger, result: TickResult): void {
  logger.info({ runId: result.fanOutRunId, schedule: result.schedule, slot: result.slot }, `Scheduled ${result.schedule} for ${result.slot}`);
}
