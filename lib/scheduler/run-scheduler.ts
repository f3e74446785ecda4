import type { PeriodicTask } from "../worker/worker";
import { tickScheduler } from "./tick";

/** The scheduler as a task the worker (or the standalone scheduler) repeats. */
export function schedulerTask({ everyMs, log }: { everyMs: number; log: (message: string) => void }): PeriodicTask {
  return {
    name: "scheduler",
    everyMs,
    atStart: true,
    async run() {
      const results = await tickScheduler();
      for (const result of results.filter((entry) => entry.created)) {
        log(`Scheduled ${result.schedule} for ${result.slot} (fan-out run ${result.fanOutRunId})`);
      }
    },
  };
}
