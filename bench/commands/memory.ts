import { addBusinesses } from "../api-scale/scale-businesses";
import { createScaleDatabase, SCALE_DATABASES } from "../api-scale/scale-database";
import { drainWithOneWorker, type DrainMemory } from "../api-scale/worker-drain";
import { formatNumber, formatRepeated, markdownTable } from "../format";
import type { BenchCommand } from "./command";
import { repeatMeasurement, withDatabase } from "./measurement-loop";

const CONCURRENCY = 16;
const MIB = 2 ** 20;

export const workerMemory: BenchCommand = {
  name: "memory",
  summary: "resident memory of one worker process draining 100,000 runs, SQLite and PostgreSQL",
  // One 100,000-run drain takes several minutes per database; memory varies far less than time.
  maxRepeat: 1,
  async run(context) {
    const runs = context.quick ? 10_000 : 100_000;
    const rows: string[][] = [];
    for (const { provider, label } of SCALE_DATABASES) {
      // A fresh database each repetition: a drained queue leaves its history behind.
      const measured = await repeatMeasurement(context, `memory: ${label}, one worker draining ${runs.toLocaleString("en-US")} runs`, () =>
        withDatabase(createScaleDatabase(provider, context.serverUrl), async (database) => {
          await addBusinesses(database.url, 10);
          return drainWithOneWorker({ url: database.url, runs, concurrency: CONCURRENCY });
        }),
      );
      const mib = (pick: (entry: DrainMemory) => number) => formatRepeated(measured, (entry) => pick(entry) / MIB);
      rows.push([
        label,
        formatRepeated(measured, (entry) => entry.runsPerSecond),
        mib((entry) => entry.rssAtStart),
        mib((entry) => entry.rssHalfway),
        mib((entry) => entry.rssAtEnd),
        mib((entry) => entry.peak),
      ]);
    }
    return [
      `## Worker process memory draining ${formatNumber(runs)} no-op runs (one process × ${CONCURRENCY}; MiB)`,
      "",
      "Resident set of the worker process (tsx loader included) once claiming, when half the runs were done, at the end, and its peak (VmHWM) read just before stopping it.",
      "",
      ...markdownTable(["database", "runs/s", "RSS at start", "RSS half-way", "RSS at end", "peak RSS"], rows),
    ];
  },
};
