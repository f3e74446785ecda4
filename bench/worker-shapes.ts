/** The same total concurrency, as one process or spread over four, for every system and command. */
export const WORKER_SHAPES = [
  { processes: 1, concurrency: 16 },
  { processes: 4, concurrency: 4 },
] as const;

export type WorkerShape = (typeof WORKER_SHAPES)[number];

export function describeShape({ processes, concurrency }: { processes: number; concurrency: number }): string {
  return `${processes} × ${concurrency}`;
}

/** A job's length as the reports name it. */
export function describeWork(workMs: number): string {
  return workMs === 0 ? "no-op" : `${workMs} ms`;
}
