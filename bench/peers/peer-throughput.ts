import type { PeerWorkerReport } from "./peer-job";
import type { InstalledPeer } from "./peer-system";
import { startPeerWorkers } from "./peer-worker-processes";

export interface PeerThroughputInput {
  peer: InstalledPeer;
  jobs: number;
  processes: number;
  /** Jobs each process runs at once. */
  concurrency: number;
  workMs: number;
  /** Past this, the workers are stopped and the rate is taken over the jobs they ran. */
  budgetMs: number;
}

export interface PeerThroughput {
  jobsPerSecond: number;
  /** Jobs that ran: fewer than asked when the budget ran out. */
  ran: number;
}

/**
 * Queues the jobs, then drains them with the peer's worker processes, as Automation's measurement
 * does: the workers report their handled jobs themselves and the queue is counted after they
 * stop. Jobs/s is taken from the first handler start to the last handler end, so process start-up
 * is not counted.
 */
export async function peerThroughput(input: PeerThroughputInput): Promise<PeerThroughput> {
  const { peer } = input;
  await peer.clear();
  await peer.enqueueMany(Array.from({ length: input.jobs }, () => ({ ms: input.workMs })));
  const workers = startPeerWorkers(peer.workerEntry, input.processes, { url: peer.url, concurrency: input.concurrency, tuned: peer.tuned });
  let outOfTime = false;
  try {
    await workers.ready;
    // The workers say when they have handled every job; nothing queries the queue meanwhile.
    outOfTime = !(await workers.handled(input.jobs, input.budgetMs));
  } finally {
    await workers.stop();
  }
  const { handled, seconds } = combine(workers.reports());
  if (!outOfTime) {
    const [failed, outstanding] = await Promise.all([peer.failed(), peer.outstanding()]);
    if (failed > 0 || outstanding > 0 || handled !== input.jobs) throw new Error(`${input.jobs - handled} of ${input.jobs} jobs did not run, ${failed} failed, ${outstanding} still queued`);
  }
  if (handled === 0) throw new Error("No job ran within the time budget");
  return { jobsPerSecond: handled / seconds, ran: handled };
}

function combine(reports: PeerWorkerReport[]): { handled: number; seconds: number } {
  const starts = reports.flatMap((report) => (report.firstStartedAt === null ? [] : [report.firstStartedAt]));
  const ends = reports.flatMap((report) => (report.lastFinishedAt === null ? [] : [report.lastFinishedAt]));
  return {
    handled: reports.reduce((sum, report) => sum + report.handled, 0),
    // At least a millisecond, so a run of a handful of instant jobs cannot divide by zero.
    seconds: Math.max(1, Math.max(...ends) - Math.min(...starts)) / 1000,
  };
}
