import { drainWithWaitingWorkers } from "./drain-with-waiting-workers";
import { connectAsAdmin } from "../bench-database";
import { summarizeWaits, type FairnessLoad, type FairnessResult } from "./fairness-load";

export interface AutomationFairnessInput {
  url: string;
  /** The first is the big business; the others get the small loads. */
  businessIds: string[];
  load: FairnessLoad;
}

/**
 * The fairness load on Automation, with its full tracking: the big business's runs are inserted
 * first, then the small businesses', back to back, while the workers wait. A run's wait is its
 * handler start (recorded by the bench-work job) − its created_at.
 */
export async function automationFairness({ url, businessIds, load }: AutomationFairnessInput): Promise<FairnessResult> {
  const [big, ...small] = businessIds;
  if (!big || small.length !== load.smallBusinesses) throw new Error(`Expected ${load.smallBusinesses + 1} businesses`);
  const admin = await connectAsAdmin(url);
  try {
    const runs = load.bigRuns + load.smallBusinesses * load.runsPerSmallBusiness;
    await drainWithWaitingWorkers({ admin, url, load, runs }, async () => {
      await admin.bypass(() => admin.query(insertRuns("$1::text"), [big, load.bigRuns, load.workMs]));
      await admin.bypass(() => admin.query(insertRuns("unnest($1::text[])"), [small, load.runsPerSmallBusiness, load.workMs]));
    });
    const { rows } = await admin.bypass(() =>
      admin.query<{ big: boolean; status: string; waited_ms: number | null }>(
        `SELECT business_id = $1 AS big, status,
                (result->>'handlerStartedAt')::float8 - EXTRACT(EPOCH FROM created_at)::float8 * 1000 AS waited_ms
         FROM job_runs`,
        [big],
      ),
    );
    const succeeded = rows.filter((row) => row.status === "succeeded" && row.waited_ms !== null);
    if (succeeded.length !== rows.length) throw new Error(`${rows.length - succeeded.length} of ${rows.length} runs did not succeed`);
    const { rows: drained } = await admin.bypass(() =>
      admin.query<{ seconds: number }>("SELECT EXTRACT(EPOCH FROM MAX(finished_at) - MIN(created_at))::float8 AS seconds FROM job_runs"),
    );
    return summarizeWaits(
      succeeded.map((row) => ({ big: row.big, waitedMs: row.waited_ms! })),
      drained[0]!.seconds,
    );
  } finally {
    await admin.end();
  }
}

/** `runs` runs of the benchmark job for each business the expression yields, in one statement. */
function insertRuns(businesses: string): string {
  return `INSERT INTO job_runs (id, business_id, scope, job_type, params, max_attempts, updated_at, created_at, run_at)
          SELECT gen_random_uuid()::text, b.id, 'tenant', 'bench-work', jsonb_build_object('ms', $3::int), 1, now(), now(), now()
          FROM (SELECT ${businesses} AS id) b CROSS JOIN generate_series(1, $2)`;
}
