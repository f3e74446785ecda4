import { EXIT, type ExitCode } from "./exit-codes";

export interface InterruptWatch {
  /** True once SIGINT or SIGTERM arrived; checked between batches, never inside one. */
  requested(): boolean;
  exitCode(): ExitCode;
  dispose(): void;
}

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Replaces the default "exit at once" on SIGINT and SIGTERM while batches are written: the batch
 * in progress commits or rolls back as a whole, then the command stops before the next one. A
 * crash or SIGKILL instead leaves the open transaction uncommitted, which the database rolls back.
 */
export function watchForInterrupts({ onInterrupt }: { onInterrupt: (message: string) => void }): InterruptWatch {
  let received: (typeof SIGNALS)[number] | undefined;
  const handle = (signal: (typeof SIGNALS)[number]) => {
    if (received) {
      onInterrupt("Still finishing the current batch; it is committed or rolled back as a whole.");
      return;
    }
    received = signal;
    onInterrupt(`${signal} received: finishing the current batch, then stopping.`);
  };
  const handlers = SIGNALS.map((signal) => [signal, () => handle(signal)] as const);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  return {
    requested: () => received !== undefined,
    exitCode: () => (received === "SIGTERM" ? EXIT.terminated : EXIT.interrupted),
    dispose() {
      for (const [signal, handler] of handlers) process.off(signal, handler);
    },
  };
}

/**
 * With the synchronous SQLite driver a run of batches is one unbroken chain of promise
 * callbacks, and Node delivers signals only when its event loop polls. Awaiting this between
 * batches lets a pending SIGINT or SIGTERM reach its handler before the next batch starts.
 */
export function letSignalsArrive(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
