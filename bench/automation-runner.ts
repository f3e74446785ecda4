import { enqueueJob } from "../lib/jobs/enqueue";
import { benchWork } from "./bench-jobs";
import { connectAsAdmin, type BenchAdmin } from "./bench-database";
import { useDatabaseInProcess } from "./use-database-in-process";
import { sleep, waitForDrain } from "./wait-until";
import { percentilesOf, type Percentiles } from "./statistics";
import { startBenchWorkers } from "./bench-workers";

export interface ThroughputInput {
  url: string;
  businessIds: string[];
  runs: number;
  processes: number;
  /** Runs each process executes at once. */
  concurrency: number;
  workMs: number;
}

/**
 * Queues `runs` runs, then drains them with the worker processes. Runs/s is measured between the
 * first claim and the last completion, from the database's own timestamps, so process start-up is
 * not counted; the queue is filled before the workers start, as the peers' benchmarks do. The
 * workers report their handled runs themselves, so nothing queries the database during the drain;
 * the run rows are counted once the workers have stopped.
 */
export async function automationThroughput(input: ThroughputInput): Promise<number> {
  const admin = await connectAsAdmin(input.url);
  try {
    await admin.query("TRUNCATE job_runs CASCADE");
    await admin.bypass(() =>
      admin.query(
        `INSERT INTO job_runs (id, business_id, scope, job_type, params, max_attempts, updated_at, created_at, run_at)
         SELECT gen_random_uuid()::text, ($2::text[])[1 + i % array_length($2::text[], 1)], 'tenant', 'bench-work',
                jsonb_build_object('ms', $3::int), 1, now(), now(), now()
         FROM generate_series(0, $1 - 1) AS i`,
        [input.runs, input.businessIds, input.workMs],
      ),
    );
    const workers = startBenchWorkers(input.url, input.processes, input.concurrency);
    try {
      await workers.ready;
      await workers.handled(input.runs);
    } finally {
      await workers.stop();
    }
    const { rows } = await admin.bypass(() =>
      admin.query<{ ok: string; seconds: number }>(
        `SELECT COUNT(*) FILTER (WHERE status = 'succeeded') AS ok,
                EXTRACT(EPOCH FROM MAX(finished_at) - MIN(started_at))::float8 AS seconds
         FROM job_runs`,
      ),
    );
    const ok = Number(rows[0]?.ok);
    if (ok !== input.runs) throw new Error(`${input.runs - ok} of ${input.runs} runs did not succeed`);
    return input.runs / rows[0]!.seconds;
  } finally {
    await admin.end();
  }
}

/** Triggers per latency measurement, the same for Automation alone and against the peers so their figures compare. */
export function latencySamples(quick: boolean): number {
  return quick ? 50 : 200;
}

export interface LatencyInput {
  url: string;
  businessId: string;
  samples: number;
  /** Pause between triggers: low load, so the figure is the queue's reaction time, not a backlog. */
  gapMs: number;
}

/**
 * Trigger → handler start: each run is queued through the same call the API's trigger uses, and
 * its handler records when it began. One idle worker process waits, woken by notifications.
 */
export async function automationLatency(input: LatencyInput): Promise<Percentiles> {
  await useDatabaseInProcess(input.url);
  const admin = await connectAsAdmin(input.url);
  const workers = startBenchWorkers(input.url, 1, 4);
  try {
    await admin.query("TRUNCATE job_runs CASCADE");
    await workers.ready;
    await sleep(500);
    const triggered = new Map<string, number>();
    for (let index = 0; index < input.samples; index++) {
      const at = Date.now();
      const run = await enqueueJob({ job: benchWork, businessId: input.businessId, params: { ms: 0 }, triggerSource: "api" });
      triggered.set(run.id, at);
      await sleep(input.gapMs);
    }
    await waitForDrain(() => outstandingRuns(admin));
    const { rows } = await admin.bypass(() => admin.query<{ id: string; result: { handlerStartedAt: number } }>("SELECT id, result FROM job_runs"));
    const latencies = rows.map((row) => row.result.handlerStartedAt - triggered.get(row.id)!);
    return percentilesOf(latencies);
  } finally {
    await workers.stop();
    await admin.end();
  }
}

export async function outstandingRuns(admin: BenchAdmin): Promise<number> {
  const { rows } = await admin.bypass(() => admin.query<{ n: number }>("SELECT COUNT(*)::int AS n FROM job_runs WHERE status IN ('queued', 'running')"));
  return rows[0]?.n ?? 0;
}
