import { automationThroughput } from "../automation-runner";
import { createBenchDatabase } from "../bench-database";
import { formatNumber, formatSpread, markdownTable } from "../format";
import { peerBudgetMs, throughputJobs } from "../peers/peer-settings";
import type { InstalledPeer, PeerSystem } from "../peers/peer-system";
import { PEER_SYSTEMS } from "../peers/peer-systems";
import { peerThroughput } from "../peers/peer-throughput";
import { describeShape, WORKER_SHAPES } from "../peers/worker-shapes";
import { spread } from "../statistics";
import type { BenchCommand } from "./command";

const WORK_MS = [0, 1, 50];

export const peersThroughput: BenchCommand = {
  name: "peers-throughput",
  summary: "jobs/s draining N queued jobs: Automation vs pg-boss vs graphile-worker, same concurrency",
  async run({ serverUrl, repeat, quick, progress }) {
    const jobs = throughputJobs(quick);
    const budgetMs = peerBudgetMs(quick);
    const automation = await createBenchDatabase(serverUrl, 10);
    const installed: Array<{ system: PeerSystem; peer: InstalledPeer }> = [];
    try {
      for (const system of PEER_SYSTEMS) installed.push({ system, peer: await system.install(serverUrl) });
      const rows: string[][] = [];
      const cutShort: string[] = [];
      for (const workMs of WORK_MS) {
        for (const shape of WORKER_SHAPES) {
          const automationRates: number[] = [];
          const peerRates = installed.map(() => [] as number[]);
          const peerRan = installed.map(() => [] as number[]);
          // Systems take turns within each repetition, so a noisy stretch of time hits them alike.
          for (let index = 0; index < repeat; index++) {
            const cell = `${workMs} ms jobs, ${describeShape(shape)}, repetition ${index + 1}`;
            progress(`peers-throughput: Automation, ${cell}`);
            automationRates.push(await automationThroughput({ url: automation.url, businessIds: automation.businessIds, runs: jobs, workMs, ...shape }));
            for (const [peerIndex, { system, peer }] of installed.entries()) {
              progress(`peers-throughput: ${system.name}, ${cell}`);
              const measured = await peerThroughput({ peer, jobs, workMs, budgetMs, ...shape });
              peerRates[peerIndex]!.push(measured.jobsPerSecond);
              peerRan[peerIndex]!.push(measured.ran);
            }
          }
          const automationMedian = spread(automationRates).median;
          const peerCells = installed.map(({ system }, peerIndex) => {
            const ran = Math.min(...peerRan[peerIndex]!);
            const mark = ran < jobs ? " †" : "";
            if (mark) cutShort.push(`${system.name}, ${workMs === 0 ? "no-op" : `${workMs} ms`}, ${describeShape(shape)}: ${formatNumber(ran)} of ${formatNumber(jobs)}`);
            return formatSpread(spread(peerRates[peerIndex]!)) + mark;
          });
          const ratios = installed.map((_, peerIndex) => `${formatNumber(automationMedian / spread(peerRates[peerIndex]!).median, 2)}×`);
          rows.push([workMs === 0 ? "no-op" : `${workMs} ms`, describeShape(shape), formatSpread(spread(automationRates)), ...peerCells, ...ratios]);
        }
      }
      const names = installed.map(({ system }) => system.name);
      return [
        `## Worker throughput against pg-boss and graphile-worker (${formatNumber(jobs)} jobs queued, then drained; jobs/s)`,
        "",
        ...markdownTable(["work per job", "processes × concurrency", "Automation", ...names, ...names.map((name) => `Automation / ${name}`)], rows),
        "",
        "Each system has a fresh database on the same PostgreSQL server and the same total concurrency (16), as one process or four. " +
          "Ratios are of the medians. Automation keeps its full tracking (run rows, attempts, stats, audit); its rate runs from the first " +
          "claim to the last completion in its run rows. The peers' rate runs from the first handler start to the last handler end, " +
          "recorded inside the handlers, since graphile-worker deletes finished jobs.",
        "",
        `- Automation: bench worker processes with WORKER_CONCURRENCY per process and a pool of concurrency + 4.`,
        ...installed.map(({ system }) => `- ${system.setup}.`),
        ...(cutShort.length
          ? [
              "",
              `† Not drained within the ${formatNumber(budgetMs / 1000)} s budget per measurement (BENCH_PEERS_BUDGET_SECONDS); the rate is over the jobs that ran (fewest shown): ${cutShort.join("; ")}.`,
            ]
          : []),
      ];
    } finally {
      for (const { peer } of installed) await peer.remove().catch((error: unknown) => console.error(`Could not remove a peer database: ${String(error)}`));
      await automation.drop();
    }
  },
};
