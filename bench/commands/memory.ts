import { createScaleDatabase, type ScaleProvider } from "../api-scale/scale-database";
import { addBusinesses } from "../api-scale/scale-businesses";
import { drainWithOneWorker, type DrainMemory } from "../api-scale/worker-drain";
import { formatNumber, formatSpread, markdownTable } from "../format";
import { spread } from "../statistics";
import type { BenchCommand } from "./command";

const DATABASES: { provider: ScaleProvider; label: string }[] = [
  { provider: "sqlite", label: "SQLite" },
  { provider: "postgresql", label: "PostgreSQL" },
];
const CONCURRENCY = 16;
const MIB = 2 ** 20;

export const workerMemory: BenchCommand = {
  name: "memory",
  summary: "resident memory of one worker process draining 100,000 runs, SQLite and PostgreSQL",
  // One 100,000-run drain takes several minutes per database; memory varies far less than time.
  maxRepeat: 1,
  async run({ serverUrl, repeat, quick, progress }) {
    const runs = quick ? 10_000 : 100_000;
    const rows: string[][] = [];
    for (const { provider, label } of DATABASES) {
      const measured: DrainMemory[] = [];
      for (let index = 0; index < repeat; index++) {
        progress(`memory: ${label}, one worker draining ${runs.toLocaleString("en-US")} runs, repetition ${index + 1}`);
        const database = await createScaleDatabase(provider, serverUrl);
        try {
          await addBusinesses(database.url, 10);
          measured.push(await drainWithOneWorker({ url: database.url, runs, concurrency: CONCURRENCY }));
        } finally {
          await database.drop();
        }
      }
      const mib = (pick: (entry: DrainMemory) => number) => formatSpread(spread(measured.map((entry) => pick(entry) / MIB)));
      rows.push([
        label,
        formatSpread(spread(measured.map((entry) => entry.runsPerSecond))),
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
