import { automationThroughput } from "../automation-runner";
import { createBenchDatabase } from "../bench-database";
import { formatNumber, formatSpread, markdownTable } from "../format";
import { spread } from "../statistics";
import type { BenchCommand } from "./command";

const SHAPES = [
  { processes: 1, concurrency: 16 },
  { processes: 4, concurrency: 4 },
] as const;

export const workerThroughput: BenchCommand = {
  name: "worker",
  summary: "runs/s draining a full queue: no-op, 1 ms and 50 ms runs, 1 and 4 worker processes",
  async run({ serverUrl, repeat, quick, progress }) {
    const runs = quick ? 1_000 : 5_000;
    const database = await createBenchDatabase(serverUrl, 10);
    try {
      const rows: string[][] = [];
      for (const workMs of [0, 1, 50]) {
        const row = [workMs === 0 ? "no-op" : `${workMs} ms`];
        for (const { processes, concurrency } of SHAPES) {
          const measured: number[] = [];
          for (let index = 0; index < repeat; index++) {
            progress(`worker: ${workMs} ms runs, ${processes} × ${concurrency}, repetition ${index + 1}`);
            measured.push(await automationThroughput({ url: database.url, businessIds: database.businessIds, runs, processes, concurrency, workMs }));
          }
          row.push(formatSpread(spread(measured)));
        }
        rows.push(row);
      }
      return [
        `## Automation worker throughput (${formatNumber(runs)} runs queued, then drained; runs/s)`,
        "",
        ...markdownTable(["work per run", ...SHAPES.map((s) => `${s.processes} process${s.processes > 1 ? "es" : ""} × ${s.concurrency}`)], rows),
      ];
    } finally {
      await database.drop();
    }
  },
};
