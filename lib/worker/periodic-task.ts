import { describeError } from "./describe-error";
import type { MessageLog } from "../logging/logger";

export interface PeriodicTask {
  name: string;
  everyMs: number;
  /** Run once right after start instead of waiting a full interval. */
  atStart?: boolean;
  run(): Promise<unknown>;
}

export interface RunningPeriodicTask {
  /** Stops scheduling rounds and waits for the round in progress. */
  stop(): Promise<void>;
}

/** Runs a task every `everyMs`, never two rounds at once; a failed round is logged and the next one still comes. */
export function startPeriodicTask(task: PeriodicTask, log: MessageLog): RunningPeriodicTask {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;
  let stopped = false;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = task
        .run()
        .catch((error: unknown) => log(`${task.name} failed: ${describeError(error)}`, "warn"))
        .finally(() => {
          current = undefined;
          schedule(task.everyMs);
        });
    }, delayMs);
  };
  schedule(task.atStart ? 0 : task.everyMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
