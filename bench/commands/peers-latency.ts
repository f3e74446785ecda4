import { enqueueJob } from "../../lib/jobs/enqueue";
import { useDatabaseInProcess } from "../use-database-in-process";
import { automationLatency, latencySamples } from "../automation-runner";
import { createBenchDatabase, type BenchDatabase } from "../bench-database";
import { benchWork } from "../bench-jobs";
import { markdownTable, percentileCells } from "../format";
import { LATENCY_CONCURRENCY, peerLatency } from "../peers/peer-latency";
import type { InstalledPeer } from "../peers/peer-system";
import { LATENCY_PEER_SYSTEMS } from "../peers/peer-systems";
import { PERCENTILE_KEYS } from "../statistics";
import type { BenchCommand } from "./command";
import { measureInTurns, withDatabase, withPeers } from "./measurement-loop";

/**
 * Slower than the 20 ms of the Automation-only latency command: the tuned pg-boss's one worker
 * fetches at most 16 jobs per 0.5 s poll (32/s), and at 50 triggers/s its figure would measure a
 * growing backlog rather than how fast a queue notices a new job.
 */
const GAP_MS = 250;

export const peersLatency: BenchCommand = {
  name: "peers-latency",
  summary: "trigger → handler start at low load, p50/p95/p99: Automation vs pg-boss vs graphile-worker",
  async run(context) {
    const samples = latencySamples(context.quick);
    return withDatabase(createBenchDatabase(context.serverUrl, 1), (automation) =>
      withPeers(context.serverUrl, LATENCY_PEER_SYSTEMS, async (installed) => {
        await warmUpTriggers(automation, installed.map(({ peer }) => peer));
        const measured = await measureInTurns(context, [
          {
            label: "peers-latency: Automation",
            measure: () => automationLatency({ url: automation.url, businessId: automation.businessIds[0]!, samples, gapMs: GAP_MS }),
          },
          ...installed.map(({ system, peer }) => ({ label: `peers-latency: ${system.name}`, measure: () => peerLatency({ peer, samples, gapMs: GAP_MS }) })),
        ]);
        const names = ["Automation", ...installed.map(({ system }) => system.name)];
        return [
          `## Trigger → handler start against pg-boss and graphile-worker (${samples} jobs, one every ${GAP_MS} ms, one idle worker process running up to ${LATENCY_CONCURRENCY} at once; ms)`,
          "",
          ...markdownTable(["system", ...PERCENTILE_KEYS], names.map((name, system) => [name, ...percentileCells(measured[system]!)])),
          "",
          "Each trigger uses the system's single-job call as an application would: Automation's enqueueJob (the API's path), " +
            "pg-boss's send(), graphile-worker's addJob(). Latency is the handler's start minus the moment just before that call.",
          "",
          ...installed.map(({ system }) => `- ${system.setup}.`),
          "- pg-boss as shipped is not in this table: its 4 workers fetch one job each per 2 s poll, 2 jobs/s between them, fewer than are triggered here.",
        ];
      }),
    );
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
