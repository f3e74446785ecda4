import { percentile } from "../statistics";

export interface CallerFigures {
  p50Ms: number;
  p95Ms: number;
  statementsPerSecond: number;
  /** Rows each statement claimed, kept or settled, on average. */
  rowsPerStatement: number;
}

/** One statement issued by one caller; `index` counts that caller's calls from 0. Resolves to the rows it handled. */
export type CallerStatement = (caller: number, index: number) => Promise<number>;

/**
 * `callers` callers issuing statements back to back, each waiting for its last: `warmUp` calls
 * each first (connections opened, statements planned), then `measured` calls each, timed one by
 * one and as a whole.
 */
export async function measureCallers({
  callers,
  warmUp,
  measured,
  statement,
}: {
  callers: number;
  warmUp: number;
  measured: number;
  statement: CallerStatement;
}): Promise<CallerFigures> {
  const everyCaller = (calls: (caller: number) => Promise<void>) => Promise.all(Array.from({ length: callers }, (_, caller) => calls(caller)));
  await everyCaller(async (caller) => {
    for (let index = 0; index < warmUp; index++) await statement(caller, index);
  });
  const latencies: number[] = [];
  let rows = 0;
  const startedAt = performance.now();
  await everyCaller(async (caller) => {
    for (let index = warmUp; index < warmUp + measured; index++) {
      const sentAt = performance.now();
      const handled = await statement(caller, index);
      latencies.push(performance.now() - sentAt);
      rows += handled;
    }
  });
  const seconds = (performance.now() - startedAt) / 1000;
  return {
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    statementsPerSecond: latencies.length / seconds,
    rowsPerStatement: rows / latencies.length,
  };
}
