/** Polls `done` until it holds; a benchmark that stops making progress fails rather than hanging. */
export async function waitUntil(done: () => Promise<boolean>, { timeoutMs = 900_000, everyMs = 100 } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("The benchmark did not finish in time");
    await sleep(everyMs);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
