import { formatNumber, formatRepeated, markdownTable } from "../format";
import { automationSqliteThroughput } from "../peers/automation-sqlite-throughput";
import { throughputJobs } from "../peers/peer-settings";
import { describeShape, describeWork } from "../worker-shapes";
import type { BenchCommand } from "./command";
import { repeatMeasurement } from "./measurement-loop";

const WORK_MS = [0, 50];
/** One process, as an embedded SQLite setup runs its worker; the same concurrency as the PostgreSQL comparison. */
const SHAPE = { processes: 1, concurrency: 16 } as const;

export const peersSqlite: BenchCommand = {
  name: "peers-sqlite",
  summary: "jobs/s draining N queued jobs on the embedded default, a SQLite file (the row its SQLite peers are compared with)",
  async run(context) {
    const jobs = throughputJobs(context.quick);
    const rows: string[][] = [];
    for (const workMs of WORK_MS) {
      const runs = await repeatMeasurement(context, `peers-sqlite: Automation, ${describeWork(workMs)} jobs, ${describeShape(SHAPE)}`, () =>
        automationSqliteThroughput({ runs: jobs, workMs, concurrency: SHAPE.concurrency }),
      );
      rows.push([describeWork(workMs), "Automation on SQLite (full tracking)", formatRepeated(runs, (rate) => rate)]);
    }
    return [
      `## Worker throughput on SQLite (${formatNumber(jobs)} jobs queued, then drained by one process × ${SHAPE.concurrency}; jobs/s)`,
      "",
      ...markdownTable(["work per job", "system", "jobs/s"], rows),
      "",
      "A fresh SQLite file in the temporary folder, in WAL mode as the product opens it, and one bench worker process with " +
        `WORKER_CONCURRENCY ${SHAPE.concurrency}. The rate runs from the first claim to the last completion in the run rows; the worker ` +
        "reports its handled count on its output and the file is counted after it stops.",
      "",
      "The SQLite peers are not measured yet: liteque 0.8.0 (the queue behind Karakeep) opens its transactions with an async " +
        "callback, which the better-sqlite3 12 this project needs for its Prisma adapter refuses (\"Transaction function cannot " +
        "return a promise\"), so its runner stops at its first fetch; Sidequest's only SQLite backend release (1.16.5) depends on a " +
        "release of its core package that the registry does not serve, so it does not install.",
    ];
  },
};
