// Reads what run-worker-process.ts prints when a run settles:
// "[worker <id>] <job type> <run id> attempt <n>: succeeded".
const SUCCEEDED_LINE = /^\[worker (\S+)\] \S+ (\S+) attempt \d+: succeeded$/;

/** Run ids each worker reported as succeeded, in the order printed. */
export function succeededRunsReported(lines: readonly string[]): { workerId: string; runId: string }[] {
  const reported: { workerId: string; runId: string }[] = [];
  for (const line of lines) {
    const match = SUCCEEDED_LINE.exec(line);
    if (match) reported.push({ workerId: match[1]!, runId: match[2]! });
  }
  return reported;
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
