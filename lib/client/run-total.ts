import type { RunTotal } from "./job-run-schemas";

const COUNT = new Intl.NumberFormat("en-US");
const formatCount = (value: number) => COUNT.format(value);

/** "4,210", or "1,000+" when the count stopped at its cap. */
export function formatTotal(total: RunTotal): string {
  return total.atLeast ? `${formatCount(total.count)}+` : formatCount(total.count);
}

/** "1–50 of 4,210", or "of 1,000+" when the count stopped at its cap. */
export function describeShownRuns(shown: number, total: RunTotal | undefined): string {
  if (shown === 0) return "No runs";
  const range = `${formatCount(1)}–${formatCount(shown)}`;
  if (!total) return `${range} ${shown === 1 ? "run" : "runs"}`;
  const of = formatTotal(total.atLeast ? total : { count: Math.max(total.count, shown), atLeast: false });
  return `${range} of ${of}`;
}
