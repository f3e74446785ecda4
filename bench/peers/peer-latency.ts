import { percentilesOf, type Percentiles } from "../statistics";
import type { InstalledPeer } from "./peer-system";
import { startPeerWorkers } from "./peer-worker-processes";
import { sleep, waitUntil } from "../wait-until";

/** As Automation's latency measurement: one idle worker process running up to 4 jobs at once. */
export const LATENCY_CONCURRENCY = 4;

export interface PeerLatencyInput {
  peer: InstalledPeer;
  samples: number;
  /** Pause between triggers: low load, so the figure is the queue's reaction time, not a backlog. */
  gapMs: number;
}

/**
 * Trigger → handler start: each job is queued with the peer's single-job call, stamped with the
 * moment just before that call, and its handler records when it began.
 */
export async function peerLatency({ peer, samples, gapMs }: PeerLatencyInput): Promise<Percentiles> {
  await peer.clear();
  const workers = startPeerWorkers(peer.workerEntry, 1, { url: peer.url, concurrency: LATENCY_CONCURRENCY, tuned: peer.tuned });
  try {
    await workers.ready;
    // Let the worker settle into its idle wait, as an always-on worker would be.
    await sleep(500);
    for (let index = 0; index < samples; index++) {
      await peer.enqueueOne({ ms: 0, since: Date.now() });
      await sleep(gapMs);
    }
    await waitUntil(async () => {
      workers.assertAlive();
      return (await peer.outstanding()) === 0;
    });
  } finally {
    await workers.stop();
  }
  const latencies = workers.reports().flatMap((report) => report.waits.map(([, waited]) => waited));
  if (latencies.length !== samples) throw new Error(`${samples - latencies.length} of ${samples} jobs did not run`);
  return percentilesOf(latencies);
}
