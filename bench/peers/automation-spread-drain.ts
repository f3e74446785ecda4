import { drainWithWaitingWorkers } from "./drain-with-waiting-workers";
import { connectAsAdmin } from "../bench-database";
import { runsPerManyBusiness, type FairnessLoad } from "./fairness-load";

export interface SpreadDrainResult {
  runs: number;
  /** From the first enqueue to the last run's end. */
  drainedSeconds: number;
  runsPerSecond: number;
}

/**
 * The fairness load's total work spread evenly over every business of the database, enqueued at
 * once while the workers wait: the drain rate when each claim chooses among many businesses.
 */
export async function automationSpreadDrain({ url, businessIds, load }: { url: string; businessIds: string[]; load: FairnessLoad }): Promise<SpreadDrainResult> {
  const perBusiness = runsPerManyBusiness(load);
  const runs = perBusiness * businessIds.length;
  const admin = await connectAsAdmin(url);
  try {
    await drainWithWaitingWorkers({ admin, url, load, runs }, async () => {
      await admin.bypass(() =>
        admin.query(
          `INSERT INTO job_runs (id, business_id, scope, job_type, params, max_attempts, updated_at, created_at, run_at)
           SELECT gen_random_uuid()::text, b.id, 'tenant', 'bench-work', jsonb_build_object('ms', $3::int), 1, now(), now(), now()
           FROM unnest($1::text[]) AS b(id) CROSS JOIN generate_series(1, $2)`,
          [businessIds, perBusiness, load.workMs],
        ),
      );
    });
    const { rows } = await admin.bypass(() =>
      admin.query<{ succeeded: number; seconds: number }>(
        `SELECT COUNT(*) FILTER (WHERE status = 'succeeded')::int AS succeeded,
                EXTRACT(EPOCH FROM MAX(finished_at) - MIN(created_at))::float8 AS seconds
         FROM job_runs`,
      ),
    );
    const { succeeded, seconds } = rows[0]!;
    if (succeeded !== runs) throw new Error(`${runs - succeeded} of ${runs} runs did not succeed`);
    return { runs, drainedSeconds: seconds, runsPerSecond: runs / seconds };
  } finally {
    await admin.end();
  }
}
