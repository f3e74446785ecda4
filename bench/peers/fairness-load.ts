import { percentile } from "../statistics";

/** One business with a large backlog and many with a few runs each, all arriving at once. */
export interface FairnessLoad {
  bigRuns: number;
  smallBusinesses: number;
  runsPerSmallBusiness: number;
  /** Long enough that the drain is bound by concurrency, as real jobs are, not by the queue's overhead. */
  workMs: number;
  processes: number;
  concurrency: number;
}

export function fairnessLoad(quick: boolean): FairnessLoad {
  return { bigRuns: quick ? 2_000 : 10_000, smallBusinesses: 50, runsPerSmallBusiness: 20, workMs: 50, processes: 1, concurrency: 16 };
}

/** Every run of the load, big and small. */
export function totalRuns(load: FairnessLoad): number {
  return load.bigRuns + load.smallBusinesses * load.runsPerSmallBusiness;
}

/** The same work spread evenly over many businesses: what the claim costs when every business has queued runs. */
export const MANY_BUSINESSES = 1_000;

export function runsPerManyBusiness(load: FairnessLoad): number {
  return Math.max(1, Math.round(totalRuns(load) / MANY_BUSINESSES));
}

export interface FairnessResult {
  smallP50: number;
  smallP95: number;
  bigP50: number;
  /** From the first enqueue to the last run's end. */
  drainedSeconds: number;
}

/** Waits are handler start − enqueue time, in ms. */
export function summarizeWaits(waits: Array<{ big: boolean; waitedMs: number }>, drainedSeconds: number): FairnessResult {
  const small = waits.filter((wait) => !wait.big).map((wait) => wait.waitedMs);
  const big = waits.filter((wait) => wait.big).map((wait) => wait.waitedMs);
  return { smallP50: percentile(small, 50), smallP95: percentile(small, 95), bigP50: percentile(big, 50), drainedSeconds };
}
