/**
 * First SIGTERM/SIGINT: graceful stop. A second one: cut the grace period short (runs are still
 * released, never abandoned). Returns a function that removes the listeners.
 */
export function onShutdownSignals({
  stop,
  hurry,
  log,
}: {
  stop: (signal: NodeJS.Signals) => void;
  hurry: () => void;
  log: (message: string) => void;
}): () => void {
  let received = 0;
  const handler = (signal: NodeJS.Signals) => {
    received += 1;
    if (received === 1) {
      log(`${signal} received: finishing running jobs, no new claims`);
      stop(signal);
    } else {
      log(`${signal} received again: aborting running jobs and releasing them`);
      hurry();
    }
  };
  process.on("SIGTERM", handler);
  process.on("SIGINT", handler);
  return () => {
    process.off("SIGTERM", handler);
    process.off("SIGINT", handler);
  };
}
