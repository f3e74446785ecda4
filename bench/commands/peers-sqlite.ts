import { formatNumber, formatRepeated, markdownTable } from "../format";
import { automationSqliteThroughput } from "../peers/automation-sqlite-throughput";
import { liteque } from "../peers/liteque-system";
import { peerBudgetMs, throughputJobs } from "../peers/peer-settings";
import { peerThroughput, type PeerThroughput } from "../peers/peer-throughput";
import { spread } from "../statistics";
import { describeShape, describeWork } from "../worker-shapes";
import type { BenchCommand } from "./command";
import { measureInTurns, withPeers } from "./measurement-loop";

const WORK_MS = [0, 50];
/** One process, as an embedded SQLite setup runs its worker; the same concurrency as the PostgreSQL comparison. */
const SHAPE = { processes: 1, concurrency: 16 } as const;
const SQLITE_PEERS = [liteque];

export const peersSqlite: BenchCommand = {
  name: "peers-sqlite",
  summary: "jobs/s draining N queued jobs on a SQLite file: Automation vs liteque, same concurrency",
  async run(context) {
    const jobs = throughputJobs(context.quick);
    const budgetMs = peerBudgetMs(context.quick);
    // withPeers ignores the server: the SQLite peers make a file of their own.
    return withPeers(context.serverUrl, SQLITE_PEERS, async (installed) => {
      const rows: string[][] = [];
      const cutShort: string[] = [];
      for (const workMs of WORK_MS) {
        const cell = `${describeWork(workMs)} jobs, ${describeShape(SHAPE)}`;
        const [automationRuns, ...peerRuns] = await measureInTurns<PeerThroughput>(context, [
          {
            label: `peers-sqlite: Automation, ${cell}`,
            measure: async () => ({ jobsPerSecond: await automationSqliteThroughput({ runs: jobs, workMs, concurrency: SHAPE.concurrency }), ran: jobs }),
          },
          ...installed.map(({ system, peer }) => ({
            label: `peers-sqlite: ${system.name}, ${cell}`,
            measure: () => peerThroughput({ peer, jobs, workMs, budgetMs, ...SHAPE }),
          })),
        ]);
        const median = (runs: PeerThroughput[]) => spread(runs.map((run) => run.jobsPerSecond)).median;
        const rate = (runs: PeerThroughput[]) => formatRepeated(runs, (run) => run.jobsPerSecond);
        rows.push([describeWork(workMs), "Automation on SQLite (full tracking)", rate(automationRuns!), ""]);
        installed.forEach(({ system }, index) => {
          const runs = peerRuns[index]!;
          const ran = Math.min(...runs.map((run) => run.ran));
          if (ran < jobs) cutShort.push(`${system.name}, ${describeWork(workMs)}: ${formatNumber(ran)} of ${formatNumber(jobs)}`);
          rows.push([describeWork(workMs), system.name, `${rate(runs)}${ran < jobs ? " †" : ""}`, `${formatNumber(median(automationRuns!) / median(runs), 2)}×`]);
        });
      }
      return [
        `## Worker throughput on SQLite against liteque (${formatNumber(jobs)} jobs queued, then drained by one process × ${SHAPE.concurrency}; jobs/s)`,
        "",
        ...markdownTable(["work per job", "system", "jobs/s", "Automation ÷ this"], rows),
        "",
        "Each system has a fresh SQLite file of its own in the temporary folder of the same machine, in WAL mode, and one worker " +
          `process running up to ${SHAPE.concurrency} jobs at once. Automation keeps its full tracking; its rate runs from the first claim ` +
          "to the last completion in its run rows, liteque's from the first handler start to the last handler end (it deletes " +
          "finished jobs). Each worker process reports its handled count on its output; the files are counted after the workers stop.",
        "",
        "- Automation: one bench worker process with WORKER_CONCURRENCY 16 on the product's SQLite setup.",
        ...installed.map(({ system }) => `- ${system.setup}.`),
        "- Sidequest is not in this table: its SQLite backend package needs a release of its core package that the npm registry " +
          "reachable from the benchmark machine does not carry, so it could not be installed.",
        ...(cutShort.length ? ["", `† Not drained within the ${formatNumber(budgetMs / 1000)} s budget per measurement; the rate is over the jobs that ran: ${cutShort.join("; ")}.`] : []),
      ];
    });
  },
};
