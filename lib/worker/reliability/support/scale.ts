/**
 * The reliability tests come in two sizes: short ones that CI runs on every change, and long ones
 * (RELIABILITY_LONG=1) for benchmarks and soak runs, whose figures are worth quoting.
 */
export const longVariant = process.env.RELIABILITY_LONG === "1";

export function ciOrLong<T>(ci: T, long: T): T {
  return longVariant ? long : ci;
}
