import { summarizeWaits, type FairnessLoad, type FairnessResult } from "./fairness-load";
import type { InstalledPeer } from "./peer-system";
import { startPeerWorkers } from "./peer-worker-processes";

/**
 * The fairness load on a peer that has no notion of businesses: the big backlog is queued first,
 * then the small businesses' runs, each job carrying its business and enqueue time. The workers
 * are already waiting, so the figure is time spent in the queue, not process start-up.
 */
export async function peerFairness(peer: InstalledPeer, load: FairnessLoad): Promise<FairnessResult> {
  await peer.clear();
  const expected = load.bigRuns + load.smallBusinesses * load.runsPerSmallBusiness;
  const workers = startPeerWorkers(peer.workerEntry, load.processes, { url: peer.url, concurrency: load.concurrency, tuned: peer.tuned });
  let firstEnqueuedAt = 0;
  try {
    await workers.ready;
    firstEnqueuedAt = Date.now();
    await peer.enqueueMany(Array.from({ length: load.bigRuns }, () => ({ ms: load.workMs, since: firstEnqueuedAt, label: "big" })));
    const smallEnqueuedAt = Date.now();
    const small = Array.from({ length: load.smallBusinesses * load.runsPerSmallBusiness }, (_, index) => ({
      ms: load.workMs,
      since: smallEnqueuedAt,
      label: `small-${Math.floor(index / load.runsPerSmallBusiness)}`,
    }));
    await peer.enqueueMany(small);
    // The workers say when they have handled every job; nothing queries the queue meanwhile.
    await workers.handled(expected, Number.POSITIVE_INFINITY);
  } finally {
    await workers.stop();
  }
  const reports = workers.reports();
  const [outstanding, failed] = await Promise.all([peer.outstanding(), peer.failed()]);
  if (outstanding > 0 || failed > 0) throw new Error(`${outstanding} jobs still queued and ${failed} failed after the workers reported all ${expected} handled`);
  const waits = reports.flatMap((report) => report.waits.map(([label, waitedMs]) => ({ big: label === "big", waitedMs })));
  if (waits.length !== expected) throw new Error(`${expected - waits.length} of ${expected} jobs did not run`);
  const lastFinishedAt = Math.max(...reports.map((report) => report.lastFinishedAt ?? 0));
  return summarizeWaits(waits, (lastFinishedAt - firstEnqueuedAt) / 1000);
}
