import type { BackoffPolicy } from "./define-job";

/**
 * Delay before the attempt after `failedAttempt` (1-based): baseMs doubled per failure, capped at
 * maxMs, then reduced by up to `jitter` of itself so runs that failed together do not retry in
 * lockstep. With jitter <= 0.5 every delay is at least the previous one's maximum until the cap.
 */
export function computeBackoffMs({
  failedAttempt,
  policy,
  random = Math.random,
}: {
  failedAttempt: number;
  policy: BackoffPolicy;
  random?: () => number;
}): number {
  // Past 2 ** 52 every realistic delay is at its cap; bounding the exponent keeps 0 * 2 ** n finite.
  const exponent = Math.min(52, Math.max(0, failedAttempt - 1));
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const jitter = Math.min(1, Math.max(0, policy.jitter ?? 0));
  const roll = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling * (1 - jitter * roll));
}
