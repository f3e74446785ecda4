import { readEnv } from "../config/env";
import { onShutdownSignals } from "../process/shutdown-signals";
import { tickScheduler } from "./tick";

/** The scheduler alone, for deployments that keep it apart from workers. Resolves on SIGTERM/SIGINT. */
export async function runSchedulerProcess({ log = (message: string) => console.log(message) } = {}): Promise<void> {
  const everyMs = readEnv().SCHEDULER_TICK_MS;
  let stopping = false;
  let wake: () => void = () => {};
  const removeListeners = onShutdownSignals({
    log: (message) => log(`[scheduler] ${message}`),
    stop: () => {
      stopping = true;
      wake();
    },
    hurry: () => wake(),
  });
  log(`[scheduler] Started: tick every ${Math.round(everyMs / 1000)} s`);
  try {
    while (!stopping) {
      try {
        for (const result of await tickScheduler()) {
          if (result.created) log(`[scheduler] Scheduled ${result.schedule} for ${result.slot} (fan-out run ${result.fanOutRunId})`);
        }
      } catch (error) {
        log(`[scheduler] Tick failed: ${error instanceof Error ? error.message : String(error)}`);
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
  log("[scheduler] Stopped");
}
