import { automationLatency, latencySamples } from "../automation-runner";
import { createBenchDatabase } from "../bench-database";
import { markdownTable, percentileCells } from "../format";
import { PERCENTILE_KEYS } from "../statistics";
import type { BenchCommand } from "./command";
import { repeatMeasurement, withDatabase } from "./measurement-loop";

/** 50 triggers a second: low load for a worker woken by notifications, so the figure is its reaction time, not a backlog. */
const GAP_MS = 20;

export const triggerLatency: BenchCommand = {
  name: "latency",
  summary: "trigger → handler start at low load, p50/p95/p99",
  async run(context) {
    const samples = latencySamples(context.quick);
    const measured = await withDatabase(createBenchDatabase(context.serverUrl, 1), (database) =>
      repeatMeasurement(context, "latency", () => automationLatency({ url: database.url, businessId: database.businessIds[0]!, samples, gapMs: GAP_MS })),
    );
    return [
      `## Automation trigger → handler start (${samples} runs, one every ${GAP_MS} ms, one idle worker; ms)`,
      "",
      ...markdownTable([...PERCENTILE_KEYS], [percentileCells(measured)]),
    ];
  },
};
