/**
 * Reads the `handled N` lines of worker processes (see handled-progress.ts) and resolves `true`
 * once their counts add up to a target, or `false` when a time budget runs out first. Fails when
 * the count stops rising for `stallMs`, or at once when `alive` throws, so a stuck or dead worker
 * fails the measurement rather than hanging it.
 */
export interface HandledWatch {
  /** Feed one process's output as it arrives. */
  read(processIndex: number, chunk: string): void;
  /** Jobs handled so far, over all processes. */
  total(): number;
  reached(target: number, options?: { stallMs?: number; budgetMs?: number; alive?: () => void }): Promise<boolean>;
}

const CHECK_EVERY_MS = 1_000;

export function createHandledWatch(): HandledWatch {
  const counts = new Map<number, number>();
  const partial = new Map<number, string>();
  const listeners = new Set<() => void>();
  const total = () => [...counts.values()].reduce((sum, count) => sum + count, 0);
  return {
    read(processIndex, chunk) {
      const lines = ((partial.get(processIndex) ?? "") + chunk).split("\n");
      partial.set(processIndex, lines.pop() ?? "");
      for (const line of lines) {
        const match = /^handled (\d+)$/.exec(line);
        if (match) counts.set(processIndex, Number(match[1]));
      }
      for (const listener of listeners) listener();
    },
    total,
    reached(target, { stallMs = 120_000, budgetMs = Number.POSITIVE_INFINITY, alive = () => undefined } = {}) {
      return new Promise((resolve, reject) => {
        const deadline = Date.now() + budgetMs;
        let lastTotal = total();
        let lastProgressAt = Date.now();
        const finish = (outcome: boolean | Error) => {
          listeners.delete(onLine);
          clearInterval(check);
          if (outcome instanceof Error) reject(outcome);
          else resolve(outcome);
        };
        const onLine = () => {
          if (total() >= target) finish(true);
        };
        // Once a second, not per line: whether a process died or the count stalled.
        const check = setInterval(() => {
          if (Date.now() > deadline) return finish(false);
          try {
            alive();
          } catch (error) {
            return finish(error as Error);
          }
          const now = total();
          if (now > lastTotal) {
            lastTotal = now;
            lastProgressAt = Date.now();
          } else if (Date.now() - lastProgressAt > stallMs) {
            finish(new Error(`The benchmark stalled: ${now} of ${target} jobs handled, none in the last ${stallMs / 1000} s`));
          }
        }, CHECK_EVERY_MS);
        listeners.add(onLine);
        onLine();
      });
    },
  };
}
