/**
 * The duration histogram of the statistics rollups. Bucket 0 holds durations under 1 ms; bucket
 * k ≥ 1 holds [1.05^(k-1), 1.05^k) ms. The database triggers that keep the rollups compute the
 * same index (prisma/<provider>/migrations/*_job_run_hourly_stats), so the formula must not change
 * without rebuilding them. A bucket reads back as its geometric middle, rounded to whole
 * milliseconds: within 2.5 % of any duration in it, and exact for the small integers, each of
 * which has a bucket of its own.
 */
export const BUCKET_RATIO = 1.05;
const LOG_RATIO = Math.log(BUCKET_RATIO);

/** Bucket index → number of durations in it. */
export type Histogram = Map<number, number>;

export function bucketOf(durationMs: number): number {
  return durationMs < 1 ? 0 : 1 + Math.floor(Math.log(durationMs) / LOG_RATIO);
}

export function bucketValue(bucket: number): number {
  return bucket <= 0 ? 0 : Math.round(BUCKET_RATIO ** (bucket - 0.5));
}

export function addHistogram(into: Histogram, from: Histogram): void {
  for (const [bucket, count] of from) if (count) into.set(bucket, (into.get(bucket) ?? 0) + count);
}

/** Nearest-rank percentile (the ⌈p·n⌉-th smallest duration), read as its bucket's value. */
export function histogramPercentile(histogram: Histogram, p: number): number | null {
  const buckets = [...histogram.entries()].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [bucket, count] of buckets) {
    seen += count;
    if (seen >= rank) return bucketValue(bucket);
  }
  return bucketValue(buckets[buckets.length - 1]![0]);
}
