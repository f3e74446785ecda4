/** Run changes gathered over a short window, so a burst of changes costs one refresh. */
export interface RunChangeBatch {
  add(runId: string): void;
  /** Drops what is pending without flushing (the page is going away). */
  cancel(): void;
}

export function createRunChangeBatch({
  delayMs,
  flush,
  schedule = (run, ms) => {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
}: {
  delayMs: number;
  flush: (runIds: string[]) => void;
  schedule?: (run: () => void, ms: number) => () => void;
}): RunChangeBatch {
  let pending = new Set<string>();
  let cancelTimer: (() => void) | null = null;
  return {
    add(runId) {
      pending.add(runId);
      if (cancelTimer) return;
      cancelTimer = schedule(() => {
        cancelTimer = null;
        const ids = [...pending];
        pending = new Set();
        flush(ids);
      }, delayMs);
    },
    cancel() {
      cancelTimer?.();
      cancelTimer = null;
      pending = new Set();
    },
  };
}
