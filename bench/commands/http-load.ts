import { startBenchWorkers } from "../bench-workers";
import { pendingBenchWork, queueBenchWork } from "../api-scale/bench-work-queue";
import { generateRuns } from "../api-scale/generate-runs";
import { buildRequestMix } from "../api-scale/http-request-mix";
import { runLoad, type LoadResult } from "../api-scale/load-test";
import { TreeMemorySampler } from "../api-scale/process-memory";
import { createScaleDatabase } from "../api-scale/scale-database";
import { signIn } from "../api-scale/sign-in";
import { startWebServer } from "../api-scale/web-server";
import { formatNumber, formatRepeated, markdownTable } from "../format";
import type { BenchCommand } from "./command";
import { repeatMeasurement, withDatabase } from "./measurement-loop";

// 50 req/s is the target load; the lower rates show where the server stops keeping up.
const RATES = [10, 25, 50];
const QUICK_RATES = [10, 50];
const WORKERS = 2;
const WORKER_CONCURRENCY = 4;
// Runs that wait on I/O, as most real jobs do: a drain of no-op runs would be a CPU benchmark of the worker.
const WORK_MS = 50;
const MIB = 2 ** 20;

interface Repetition {
  load: LoadResult;
  drained: number;
  serverPeakTree: number;
  serverPeak: number;
}

export const httpLoad: BenchCommand = {
  name: "http",
  summary: "mixed authenticated GETs at fixed rates (up to 50 req/s) for a minute on PostgreSQL at 1M runs while workers drain runs",
  async run(context) {
    const { quick, progress } = context;
    const size = quick ? { runs: 20_000, businesses: 50 } : { runs: 1_000_000, businesses: 1_000 };
    const seconds = quick ? 10 : 60;
    const queued = quick ? 2_000 : 20_000;
    const rates = quick ? QUICK_RATES : RATES;
    const byRate = await withDatabase(createScaleDatabase("postgresql", context.serverUrl), async (database) => {
      progress(`http: generating ${size.runs.toLocaleString("en-US")} runs on PostgreSQL`);
      const dataset = await generateRuns({ url: database.url, ...size, includeRunning: false, progress: (message) => progress(`http: ${message}`) });
      const server = await startWebServer({ databaseUrl: database.url, progress });
      try {
        const sessions = {
          member: await signIn(server.url, dataset.member.email, dataset.password),
          sysadmin: await signIn(server.url, dataset.sysadmin.email, dataset.password),
        };
        const mix = await buildRequestMix(server.url, sessions);
        const byRate = new Map<number, Repetition[]>();
        for (const rate of rates) {
          const load = () => measureServer(server, () => runLoad({ baseUrl: server.url, mix, rate, seconds }));
          byRate.set(rate, await repeatMeasurement(context, `http: ${rate} req/s for ${seconds} s with ${WORKERS} workers draining`, () => underWorkerLoad(database.url, queued, load)));
        }
        return byRate;
      } finally {
        await server.stop();
      }
    });
    return report(byRate, { runs: size.runs, seconds, queued });
  },
};

async function measureServer(server: { pid: number }, load: () => Promise<LoadResult>) {
  const sampler = new TreeMemorySampler(server.pid);
  const result = await load().catch((error: unknown) => {
    sampler.stop();
    throw error;
  });
  return { load: result, ...sampler.stop() };
}

async function underWorkerLoad(url: string, queued: number, measure: () => Promise<{ load: LoadResult; peakTree: number; rootPeak: number }>): Promise<Repetition> {
  await queueBenchWork(url, { runs: queued, workMs: WORK_MS });
  const workers = startBenchWorkers(url, WORKERS, WORKER_CONCURRENCY);
  try {
    await workers.ready;
    const before = await pendingBenchWork(url);
    const measured = await measure();
    const after = await pendingBenchWork(url);
    return { load: measured.load, drained: before - after, serverPeakTree: measured.peakTree, serverPeak: measured.rootPeak };
  } finally {
    await workers.stop();
  }
}

function report(byRate: Map<number, Repetition[]>, { runs, seconds, queued }: { runs: number; seconds: number; queued: number }): string[] {
  const all = [...byRate.values()].flat();
  const failed = all.some((entry) => entry.load.overall.non2xx > 0 || entry.load.errors > 0);
  const rows = [...byRate].map(([rate, repetitions]) => {
    const figure = (pick: (entry: Repetition) => number, digits = 0) => formatRepeated(repetitions, pick, digits);
    return [
      String(rate),
      figure((entry) => entry.load.overall.requests / entry.load.seconds, 1),
      figure((entry) => entry.load.overall.p50, 1),
      figure((entry) => entry.load.overall.p95, 1),
      figure((entry) => entry.load.overall.p99, 1),
      figure((entry) => entry.load.overall.non2xx),
      figure((entry) => entry.load.errors),
      figure((entry) => entry.drained),
      figure((entry) => entry.serverPeakTree / MIB),
      figure((entry) => entry.serverPeak / MIB),
    ];
  });
  const labels = [...new Set(all.flatMap((entry) => [...entry.load.byLabel.keys()]))].sort();
  const lastOf = (rate: number) => byRate.get(rate)!.at(-1)!.load.byLabel;
  return [
    `## HTTP load: mixed authenticated GETs at fixed rates for ${seconds} s each, PostgreSQL at ${formatNumber(runs)} runs (ms, MiB)`,
    "",
    `\`next start\` (production build) on the same machine, with ${WORKERS} worker processes × ${WORKER_CONCURRENCY} draining ${formatNumber(queued)} queued ${WORK_MS} ms runs during each step. ` +
      "autocannon: one connection per request per second, each waiting for its answer, so a server that falls behind gets fewer requests than asked (achieved req/s). " +
      "Latency is each response's own time. Server memory: the highest sum of RSS over its process tree at one poll (every 250 ms), and the server process's own peak (VmHWM).",
    "",
    ...markdownTable(["asked req/s", "achieved req/s", "p50", "p95", "p99", "non-2xx", "errors", "runs drained meanwhile", "server peak RSS (tree)", "server VmHWM"], rows),
    "",
    failed ? "**Some requests failed: non-2xx answers and connection errors must be 0.**" : "Every request answered 2xx; no connection errors or timeouts.",
    "",
    "Per request kind, last repetition (ms):",
    "",
    ...markdownTable(
      ["request", ...[...byRate.keys()].flatMap((rate) => [`${rate} req/s count`, `p50`, `p95`])],
      labels.map((label) => [
        label,
        ...[...byRate.keys()].flatMap((rate) => {
          const summary = lastOf(rate).get(label);
          return summary ? [formatNumber(summary.requests), formatNumber(summary.p50, 1), formatNumber(summary.p95, 1)] : ["0", "–", "–"];
        }),
      ]),
    ),
  ];
}
