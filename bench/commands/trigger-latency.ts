import { automationLatency } from "../automation-runner";
import { createBenchDatabase } from "../bench-database";
import { formatSpread, markdownTable } from "../format";
import { spread } from "../statistics";
import type { BenchCommand } from "./command";

export const triggerLatency: BenchCommand = {
  name: "latency",
  summary: "trigger → handler start at low load, p50/p95/p99",
  async run({ serverUrl, repeat, quick, progress }) {
    const samples = quick ? 50 : 200;
    const database = await createBenchDatabase(serverUrl, 1);
    try {
      const p50: number[] = [];
      const p95: number[] = [];
      const p99: number[] = [];
      for (let index = 0; index < repeat; index++) {
        progress(`latency: repetition ${index + 1}`);
        const measured = await automationLatency({ url: database.url, businessId: database.businessIds[0]!, samples, gapMs: 20 });
        p50.push(measured.p50);
        p95.push(measured.p95);
        p99.push(measured.p99);
      }
      return [
        `## Automation trigger → handler start (${samples} runs, one every 20 ms, one idle worker; ms)`,
        "",
        ...markdownTable(["p50", "p95", "p99"], [[formatSpread(spread(p50), 1), formatSpread(spread(p95), 1), formatSpread(spread(p99), 1)]]),
      ];
    } finally {
      await database.drop();
    }
  },
};
