import Database from "better-sqlite3";
import { addBusinesses } from "../api-scale/scale-businesses";
import { benchWorkOutcomes, queueBenchWork } from "../api-scale/bench-work-queue";
import { createScaleDatabase } from "../api-scale/scale-database";
import { startBenchWorkers } from "../bench-workers";

export interface SqliteThroughputInput {
  runs: number;
  concurrency: number;
  workMs: number;
}

/** Businesses the runs are spread over, as in the PostgreSQL throughput measurement. */
const BUSINESSES = 10;

/**
 * Automation on its embedded default: a fresh SQLite file (WAL, as the product opens it), `runs`
 * runs queued, then drained by one worker process. As on PostgreSQL, the worker reports its handled
 * runs itself, the rate runs from the first claim to the last completion in the run rows, and the
 * rows are checked once the worker has stopped.
 */
export async function automationSqliteThroughput(input: SqliteThroughputInput): Promise<number> {
  const database = await createScaleDatabase("sqlite", "");
  try {
    await addBusinesses(database.url, BUSINESSES);
    await queueBenchWork(database.url, { runs: input.runs, workMs: input.workMs });
    const workers = startBenchWorkers(database.url, 1, input.concurrency);
    try {
      await workers.ready;
      await workers.handled(input.runs);
    } finally {
      await workers.stop();
    }
    const outcomes = await benchWorkOutcomes(database.url);
    if (outcomes.succeeded !== input.runs) throw new Error(`${input.runs - (outcomes.succeeded ?? 0)} of ${input.runs} runs did not succeed: ${JSON.stringify(outcomes)}`);
    return input.runs / drainSeconds(database.url);
  } finally {
    await database.drop();
  }
}

function drainSeconds(url: string): number {
  const db = new Database(url.replace(/^file:/, ""), { readonly: true });
  try {
    // The product stores times as epoch milliseconds (see lib/db/client.ts).
    const row = db.prepare<[], { ms: number }>("SELECT MAX(finished_at) - MIN(started_at) AS ms FROM job_runs WHERE job_type = 'bench-work'").get();
    return Math.max(1, Number(row?.ms)) / 1000;
  } finally {
    db.close();
  }
}
