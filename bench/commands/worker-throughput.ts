import { automationThroughput } from "../automation-runner";
import { createBenchDatabase } from "../bench-database";
import { formatNumber, formatRepeated, markdownTable } from "../format";
import { describeWork, WORKER_SHAPES } from "../worker-shapes";
import type { BenchCommand } from "./command";
import { repeatMeasurement, withDatabase } from "./measurement-loop";

export const workerThroughput: BenchCommand = {
  name: "worker",
  summary: "runs/s draining a full queue: no-op, 1 ms and 50 ms runs, 1 and 4 worker processes",
  async run(context) {
    const runs = context.quick ? 1_000 : 5_000;
    const rows = await withDatabase(createBenchDatabase(context.serverUrl, 10), async (database) => {
      const rows: string[][] = [];
      for (const workMs of [0, 1, 50]) {
        const row = [describeWork(workMs)];
        for (const { processes, concurrency } of WORKER_SHAPES) {
          const measured = await repeatMeasurement(context, `worker: ${workMs} ms runs, ${processes} × ${concurrency}`, () =>
            automationThroughput({ url: database.url, businessIds: database.businessIds, runs, processes, concurrency, workMs }),
          );
          row.push(formatRepeated(measured, (runsPerSecond) => runsPerSecond));
        }
        rows.push(row);
      }
      return rows;
    });
    return [
      `## Automation worker throughput (${formatNumber(runs)} runs queued, then drained; runs/s)`,
      "",
      ...markdownTable(["work per run", ...WORKER_SHAPES.map((s) => `${s.processes} process${s.processes > 1 ? "es" : ""} × ${s.concurrency}`)], rows),
    ];
  },
};
