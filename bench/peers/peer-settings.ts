/**
 * Sizes of the comparison. 10,000 jobs keep all three systems × three job lengths × three
 * repetitions near a quarter of an hour on two cores; BENCH_PEERS_JOBS and
 * BENCH_PEERS_BUDGET_SECONDS override the defaults, e.g. for a longer run on a bigger machine.
 */
export function throughputJobs(quick: boolean): number {
  return positiveEnv("BENCH_PEERS_JOBS") ?? (quick ? 2_000 : 10_000);
}

/**
 * How long one peer throughput measurement may run. A polling queue can take many minutes over
 * N jobs; its rate is then taken over the jobs it ran in this time, and the report says so.
 */
export function peerBudgetMs(quick: boolean): number {
  return (positiveEnv("BENCH_PEERS_BUDGET_SECONDS") ?? (quick ? 20 : 60)) * 1000;
}

function positiveEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of at least 1`);
  return value;
}
