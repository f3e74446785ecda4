export type AbortReason = "timeout" | "lease-lost" | "shutdown";

/** The reason a run's signal carries; tells the runner how to settle the run. */
export class RunAbortedError extends Error {
  constructor(
    readonly reason: AbortReason,
    message: string,
  ) {
    super(message);
    this.name = "RunAbortedError";
  }
}

export function abortReasonOf(signal: AbortSignal): RunAbortedError | null {
  return signal.aborted && signal.reason instanceof RunAbortedError ? signal.reason : null;
}

/**
 * Settles with the handler's outcome or rejects as soon as the signal aborts, whichever comes
 * first. A handler that ignores its signal is left behind; its writes are fenced on the lease and
 * its log lines dropped.
 */
export function raceWithAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
