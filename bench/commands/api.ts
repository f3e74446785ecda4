import { measureApi } from "../api-scale/api-measurement";
import { apiReport, type DatabaseMeasurement } from "../api-scale/api-report";
import { generateRuns } from "../api-scale/generate-runs";
import { createScaleDatabase, SCALE_DATABASES } from "../api-scale/scale-database";
import type { BenchCommand } from "./command";
import { withDatabase } from "./measurement-loop";

export const apiScale: BenchCommand = {
  name: "api",
  summary: "server time (p50/p95) of list, stats, active, recent and detail at 1M runs, SQLite and PostgreSQL",
  async run({ serverUrl, repeat, quick, progress }) {
    const size = quick ? { runs: 50_000, businesses: 100 } : { runs: 1_000_000, businesses: 1_000 };
    const samples = quick ? 20 : 60;
    const measurements: DatabaseMeasurement[] = [];
    for (const { provider, label } of SCALE_DATABASES) {
      measurements.push(
        await withDatabase(createScaleDatabase(provider, serverUrl), async (database) => {
          progress(`api: generating ${size.runs.toLocaleString("en-US")} runs on ${label}`);
          const dataset = await generateRuns({ url: database.url, ...size, progress: (message) => progress(`api: ${label}: ${message}`) });
          // Repetitions are taken per request inside, so the dataset is generated once.
          const { results } = await measureApi(database.url, { label, memberBusinessId: dataset.member.businessId, now: dataset.now, samples, repeat });
          return { label, dataset, results };
        }),
      );
    }
    return apiReport(measurements, { samples });
  },
};
