export interface WaitForDatabaseOptions {
  /** One round trip to the database; throws while it cannot be reached. */
  probe: () => Promise<unknown>;
  timeoutMs: number;
  retryEveryMs?: number;
  log: (message: string) => void;
}

/**
 * Waits until the database answers, for at most `timeoutMs`, then gives up with the last error.
 * A worker that cannot reach its database at start must stop with a reason an operator can read,
 * not retry its claims forever.
 */
export async function waitForDatabase({ probe, timeoutMs, retryEveryMs = 1_000, log }: WaitForDatabaseOptions): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    const remainingMs = deadline - Date.now();
    let failure: unknown;
    try {
      // A probe that hangs (a silently dropped connection) counts as a failure once time is up.
      await withinMs(probe(), Math.max(remainingMs, 1_000));
      return;
    } catch (error) {
      failure = error;
    }
    const leftMs = deadline - Date.now();
    if (leftMs <= 0) {
      throw new Error(
        `Database not reachable after ${Math.round(timeoutMs / 1000)} s (WORKER_START_TIMEOUT_MS=${timeoutMs}): ${describe(failure)}`,
      );
    }
    if (attempt === 1) log(`Database not reachable yet, retrying for up to ${Math.round(leftMs / 1000)} s: ${describe(failure)}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(retryEveryMs, leftMs)));
  }
}

async function withinMs<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

// Driver errors can span several lines (Prisma's start with the failed call); the last one says why.
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n").filter((line) => line.trim()).at(-1) ?? message;
}
