import type { RunningRun } from "../execute-run";
import { RunAbortedError } from "../run-abort";

export interface CliInterrupt {
  readonly interrupted: boolean;
  /** The attempt a signal aborts. */
  watch(running: RunningRun): void;
  dispose(): void;
}

/** Ctrl-C or SIGTERM aborts the attempt in progress, and no further attempt starts. */
export function listenForInterrupt(): CliInterrupt {
  let interrupted = false;
  let current: RunningRun | undefined;
  const onSignal = () => {
    interrupted = true;
    current?.abort(new RunAbortedError("shutdown", "Interrupted from the command line"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    get interrupted() {
      return interrupted;
    },
    watch(running) {
      current = running;
    },
    dispose() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}
