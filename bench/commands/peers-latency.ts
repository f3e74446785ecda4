import { enqueueJob } from "../../lib/jobs/enqueue";
import { automationLatency } from "../automation-runner";
import { createBenchDatabase, type BenchDatabase } from "../bench-database";
import { benchWork } from "../bench-jobs";
import { formatSpread, markdownTable } from "../format";
import { LATENCY_CONCURRENCY, peerLatency } from "../peers/peer-latency";
import type { InstalledPeer, PeerSystem } from "../peers/peer-system";
import { PEER_SYSTEMS } from "../peers/peer-systems";
import { spread } from "../statistics";
import { useDatabaseInProcess } from "../../lib/db/switch-process-database";
import type { BenchCommand } from "./command";

/**
 * Slower than the 20 ms of the Automation-only latency command: pg-boss's 4 workers fetch at most
 * 8 jobs/s between them (one each per 0.5 s poll), and at 50 triggers/s its figure would measure
 * a growing backlog rather than how fast a queue notices a new job.
 */
const GAP_MS = 250;

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

export const peersLatency: BenchCommand = {
  name: "peers-latency",
  summary: "trigger → handler start at low load, p50/p95/p99: Automation vs pg-boss vs graphile-worker",
  async run({ serverUrl, repeat, quick, progress }) {
    const samples = quick ? 50 : 200;
    const automation = await createBenchDatabase(serverUrl, 1);
    const installed: Array<{ system: PeerSystem; peer: InstalledPeer }> = [];
    try {
      for (const system of PEER_SYSTEMS) installed.push({ system, peer: await system.install(serverUrl) });
      await warmUpTriggers(automation, installed.map(({ peer }) => peer));
      const measured: Percentiles[][] = [[], ...installed.map(() => [])];
      for (let index = 0; index < repeat; index++) {
        progress(`peers-latency: Automation, repetition ${index + 1}`);
        measured[0]!.push(await automationLatency({ url: automation.url, businessId: automation.businessIds[0]!, samples, gapMs: GAP_MS }));
        for (const [peerIndex, { system, peer }] of installed.entries()) {
          progress(`peers-latency: ${system.name}, repetition ${index + 1}`);
          measured[peerIndex + 1]!.push(await peerLatency({ peer, samples, gapMs: GAP_MS }));
        }
      }
      const names = ["Automation", ...installed.map(({ system }) => system.name)];
      const rows = names.map((name, systemIndex) => {
        const runs = measured[systemIndex]!;
        return [name, ...(["p50", "p95", "p99"] as const).map((key) => formatSpread(spread(runs.map((run) => run[key])), 1))];
      });
      return [
        `## Trigger → handler start against pg-boss and graphile-worker (${samples} jobs, one every ${GAP_MS} ms, one idle worker process running up to ${LATENCY_CONCURRENCY} at once; ms)`,
        "",
        ...markdownTable(["system", "p50", "p95", "p99"], rows),
        "",
        "Each trigger uses the system's single-job call as an application would: Automation's enqueueJob (the API's path), " +
          "pg-boss's send(), graphile-worker's addJob(). Latency is the handler's start minus the moment just before that call.",
        "",
        ...installed.map(({ system }) => `- ${system.setup}.`),
      ];
    } finally {
      for (const { peer } of installed) await peer.remove().catch((error: unknown) => console.error(`Could not remove a peer database: ${String(error)}`));
      await automation.drop();
    }
  },
};

/**
 * A long-running application triggers through a client that is already connected. The peers'
 * clients are (installing them connected them); Automation's connects on its first trigger. One
 * discarded trigger each keeps that start-up out of the figures; each measurement clears its
 * queue before it begins, so the discarded jobs never run.
 */
async function warmUpTriggers(automation: BenchDatabase, peers: InstalledPeer[]): Promise<void> {
  await useDatabaseInProcess(automation.url);
  await enqueueJob({ job: benchWork, businessId: automation.businessIds[0]!, params: { ms: 0 }, triggerSource: "api" });
  for (const peer of peers) await peer.enqueueOne({ ms: 0 });
}
