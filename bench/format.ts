import { PERCENTILE_KEYS, spread, type Percentiles, type Spread } from "./statistics";

export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** "median (min–max)" */
export function formatSpread(s: Spread, digits = 0): string {
  return `${formatNumber(s.median, digits)} (${formatNumber(s.min, digits)}–${formatNumber(s.max, digits)})`;
}

/** One figure of a repeated measurement: "median (min–max)" of what `pick` reads from each repetition. */
export function formatRepeated<T>(repetitions: readonly T[], pick: (repetition: T) => number, digits = 0): string {
  return formatSpread(spread(repetitions.map(pick)), digits);
}

/** The p50, p95 and p99 cells of repeated latency measurements. */
export function percentileCells(repetitions: readonly Percentiles[]): string[] {
  return PERCENTILE_KEYS.map((key) => formatRepeated(repetitions, (repetition) => repetition[key], 1));
}

export function markdownTable(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((row) => `| ${row.join(" | ")} |`)];
}
