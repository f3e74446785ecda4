/**
 * Run ids each worker reported as succeeded, in the order logged: the JSON line run-worker-process.ts
 * writes when a run settles carries workerId, runId and status.
 */
export function succeededRunsReported(lines: readonly string[]): { workerId: string; runId: string }[] {
  const reported: { workerId: string; runId: string }[] = [];
  for (const line of lines) {
    const entry = parseLogLine(line);
    if (entry?.status === "succeeded" && typeof entry.workerId === "string" && typeof entry.runId === "string") {
      reported.push({ workerId: entry.workerId, runId: entry.runId });
    }
  }
  return reported;
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** Values that occur more than once, with how often. */
export function repeated(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return new Map([...counts].filter(([, count]) => count > 1));
}

export function countMatching(lines: readonly string[], pattern: RegExp): number {
  return lines.filter((line) => pattern.test(line)).length;
}
