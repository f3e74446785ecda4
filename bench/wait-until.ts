/** Polls `done` until it holds; a benchmark that stops making progress fails rather than hanging. */
export async function waitUntil(done: () => Promise<boolean>, { timeoutMs = 900_000, everyMs = 100 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("The benchmark did not finish in time");
    await sleep(everyMs);
  }
}

/**
 * Polls how many jobs are still outstanding until none are. A fixed deadline would fail a slow but
 * healthy drain of a large queue, so this fails only when the count stops falling for `stallMs`.
 */
export async function waitForDrain(outstanding: () => Promise<number>, { stallMs = 120_000, everyMs = 100 } = {}): Promise<void> {
  let lowest = Number.POSITIVE_INFINITY;
  let lastProgressAt = Date.now();
  for (;;) {
    const left = await outstanding();
    if (left === 0) return;
    if (left < lowest) {
      lowest = left;
      lastProgressAt = Date.now();
    } else if (Date.now() - lastProgressAt > stallMs) {
      throw new Error(`The benchmark stalled: ${left} jobs still outstanding after ${stallMs / 1000} s without progress`);
    }
    await sleep(everyMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
