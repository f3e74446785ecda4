import { expect } from "vitest";

/** The ⌈p·n⌉-th smallest value: what the statistics' p50 and p95 mean. */
export function nearestRank(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}

/**
 * Percentiles read from the duration histogram are within one 5 % bucket of the exact value (half
 * a millisecond more for the rounding to whole milliseconds); absent exactly when there is none.
 */
export function expectPercentilesNear(
  actual: { p50: number | null; p95: number | null },
  durations: number[],
  label = "",
): void {
  for (const [key, p] of [["p50", 0.5], ["p95", 0.95]] as const) {
    const exact = nearestRank(durations, p);
    const value = actual[key];
    if (exact === null) {
      expect(value, `${label} ${key}`).toBeNull();
      continue;
    }
    expect(value, `${label} ${key}`).not.toBeNull();
    expect(Math.abs(value! - exact), `${label} ${key}: ${value} for exact ${exact}`).toBeLessThanOrEqual(0.05 * exact + 0.5);
  }
}
