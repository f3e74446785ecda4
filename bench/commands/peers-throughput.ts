import { automationThroughput } from "../automation-runner";
import { createBenchDatabase } from "../bench-database";
import { formatNumber, formatRepeated, markdownTable } from "../format";
import { peerBudgetMs, throughputJobs } from "../peers/peer-settings";
import { PEER_SYSTEMS } from "../peers/peer-systems";
import { peerThroughput, type PeerThroughput } from "../peers/peer-throughput";
import { describeShape, describeWork, WORKER_SHAPES, type WorkerShape } from "../worker-shapes";
import { spread } from "../statistics";
import type { BenchCommand } from "./command";
import { measureInTurns, withDatabase, withPeers } from "./measurement-loop";

const WORK_MS = [0, 1, 50];

export const peersThroughput: BenchCommand = {
  name: "peers-throughput",
  summary: "jobs/s draining N queued jobs: Automation vs pg-boss vs graphile-worker, each peer as shipped and tuned",
  async run(context) {
    const jobs = throughputJobs(context.quick);
    const budgetMs = peerBudgetMs(context.quick);
    return withDatabase(createBenchDatabase(context.serverUrl, 10), (automation) =>
      withPeers(context.serverUrl, PEER_SYSTEMS, async (installed) => {
        const rows: string[][] = [];
        const cutShort: string[] = [];
        for (const workMs of WORK_MS) {
          for (const shape of WORKER_SHAPES) {
            const cell = `${workMs} ms jobs, ${describeShape(shape)}`;
            const [automationRuns, ...peerRuns] = await measureInTurns<PeerThroughput>(context, [
              {
                label: `peers-throughput: Automation, ${cell}`,
                // Automation drains the whole queue or fails: it has no time budget.
                measure: async () => ({ jobsPerSecond: await automationThroughput({ url: automation.url, businessIds: automation.businessIds, runs: jobs, workMs, ...shape }), ran: jobs }),
              },
              ...installed.map(({ system, peer }) => ({
                label: `peers-throughput: ${system.name}, ${cell}`,
                measure: () => peerThroughput({ peer, jobs, workMs, budgetMs, ...shape }),
              })),
            ]);
            rows.push(
              ...throughputRows({ workMs, shape, jobs, automationRuns: automationRuns!, peers: installed.map(({ system }, index) => ({ name: system.name, runs: peerRuns[index]! })), cutShort }),
            );
          }
        }
        return [
          `## Worker throughput against pg-boss and graphile-worker, each as shipped and tuned (${formatNumber(jobs)} jobs queued, then drained; jobs/s)`,
          "",
          ...markdownTable(["work per job", "processes × concurrency", "system", "jobs/s", "Automation ÷ this"], rows),
          "",
          "Each system has a fresh database on the same PostgreSQL server and the same total concurrency (16), as one process or four " +
            "(the tuned pg-boss excepted, see its note). Ratios are of the medians. Automation keeps its full tracking (run rows, attempts, " +
            "stats, audit); its rate runs from the first claim to the last completion in its run rows. The peers' rate runs from the first " +
            "handler start to the last handler end, recorded inside the handlers, since graphile-worker deletes finished jobs. Nothing " +
            "queries the queues while they drain: each worker process reports its handled count on its output, the clock stops when " +
            "the counts add up, and the database's counts are checked after the workers have stopped.",
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
      }),
    );
  },
};

interface ThroughputCell {
  workMs: number;
  shape: WorkerShape;
  jobs: number;
  automationRuns: PeerThroughput[];
  peers: { name: string; runs: PeerThroughput[] }[];
  /** Collects the peers that ran out of time, for the report's footnote. */
  cutShort: string[];
}

/** One row per system for one job length and worker shape: Automation first, then each peer setup. */
function throughputRows({ workMs, shape, jobs, automationRuns, peers, cutShort }: ThroughputCell): string[][] {
  const work = describeWork(workMs);
  const rate = (runs: PeerThroughput[]) => formatRepeated(runs, (run) => run.jobsPerSecond);
  const medianRate = (runs: PeerThroughput[]) => spread(runs.map((run) => run.jobsPerSecond)).median;
  const peerRows = peers.map(({ name, runs }) => {
    const ran = Math.min(...runs.map((run) => run.ran));
    const ratio = `${formatNumber(medianRate(automationRuns) / medianRate(runs), 2)}×`;
    if (ran >= jobs) return [work, describeShape(shape), name, rate(runs), ratio];
    cutShort.push(`${name}, ${work}, ${describeShape(shape)}: ${formatNumber(ran)} of ${formatNumber(jobs)}`);
    return [work, describeShape(shape), name, `${rate(runs)} †`, ratio];
  });
  return [[work, describeShape(shape), "Automation (full tracking)", rate(automationRuns), ""], ...peerRows];
}
