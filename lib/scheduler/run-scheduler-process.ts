import { readEnv } from "../config/env";
import { getLogger, type Logger } from "../logging/logger";
import { onShutdownSignals } from "../process/shutdown-signals";
import { countFanOut } from "../metrics/worker-metrics";
import { logScheduledSlot } from "./run-scheduler";
import { tickScheduler } from "./tick";

/** The scheduler alone, for deployments that keep it apart from workers. Resolves on SIGTERM/SIGINT. */
export async function runSchedulerProcess({ logger = getLogger() }: { logger?: Logger } = {}): Promise<void> {
  const everyMs = readEnv().SCHEDULER_TICK_MS;
  const log = logger.child({ component: "scheduler" });
  let stopping = false;
  let wake: () => void = () => {};
  const removeListeners = onShutdownSignals({
    log: (message) => log.info(message),
    stop: () => {
      stopping = true;
      wake();
    },
    hurry: () => wake(),
  });
  log.info(`Started: tick every ${Math.round(everyMs / 1000)} s`);
  try {
    while (!stopping) {
      try {
        for (const result of await tickScheduler()) {
          if (!result.created) continue;
          countFanOut(result.schedule);
          logScheduledSlot(log, result);
        }
      } catch (error) {
        log.warn({ err: error }, "Tick failed");
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, everyMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  } finally {
    removeListeners();
  }
  log.info("Stopped");
}
