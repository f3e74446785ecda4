/** Nearest-rank percentile of already-measured values; p in [0, 100]. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export const PERCENTILE_KEYS = ["p50", "p95", "p99"] as const satisfies readonly (keyof Percentiles)[];

export function percentilesOf(values: readonly number[]): Percentiles {
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The median of repeated measurements, with their range. */
export function spread(values: readonly number[]): Spread {
  return { median: percentile(values, 50), min: Math.min(...values), max: Math.max(...values) };
}
