import { Prisma } from "../../../db/sql";
import { ALL_BUSINESSES, scopedDb } from "../../../tenancy";

// Every test file has a database of its own, so these look at all its runs.
const query = <T>(sql: Prisma.Sql) => scopedDb(ALL_BUSINESSES).$queryRaw<T[]>(sql);

/** How many runs are in each status, e.g. { succeeded: 2000 }. */
export async function runsByStatus(): Promise<Record<string, number>> {
  const rows = await query<{ status: string; n: number }>(Prisma.sql`SELECT status, COUNT(*)::int AS n FROM job_runs GROUP BY status`);
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

/** How many attempt rows are in each status. */
export async function attemptsByStatus(): Promise<Record<string, number>> {
  const rows = await query<{ status: string; n: number }>(Prisma.sql`SELECT status, COUNT(*)::int AS n FROM job_run_attempts GROUP BY status`);
  return Object.fromEntries(rows.map((row) => [row.status, row.n]));
}

export async function unfinishedRunCount(): Promise<number> {
  const [row] = await query<{ n: number }>(Prisma.sql`SELECT COUNT(*)::int AS n FROM job_runs WHERE status IN ('queued', 'running')`);
  return row?.n ?? 0;
}

/** Attempt numbers recorded more than once for the same run: two claims believed they had the same attempt. */
export async function repeatedAttemptNumbers(): Promise<{ runId: string; attempt: number; rows: number }[]> {
  return query(Prisma.sql`
    SELECT run_id AS "runId", attempt, COUNT(*)::int AS rows FROM job_run_attempts
    GROUP BY run_id, attempt HAVING COUNT(*) > 1`);
}

/** Runs with more than one succeeded attempt: executed to success twice. */
export async function runsSucceededMoreThanOnce(): Promise<{ runId: string; succeeded: number }[]> {
  return query(Prisma.sql`
    SELECT run_id AS "runId", COUNT(*)::int AS succeeded FROM job_run_attempts WHERE status = 'succeeded'
    GROUP BY run_id HAVING COUNT(*) > 1`);
}

/** Succeeded runs whose attempts do not record exactly one success. */
export async function succeededRunsWithoutOneSucceededAttempt(): Promise<{ runId: string; succeeded: number }[]> {
  return query(Prisma.sql`
    SELECT r.id AS "runId", COUNT(a.id)::int AS succeeded FROM job_runs r
    LEFT JOIN job_run_attempts a ON a.run_id = r.id AND a.status = 'succeeded'
    WHERE r.status = 'succeeded'
    GROUP BY r.id HAVING COUNT(a.id) <> 1`);
}

/** Succeeded attempt rows per worker id. */
export async function succeededAttemptsByWorker(): Promise<Record<string, number>> {
  const rows = await query<{ workerId: string; n: number }>(Prisma.sql`
    SELECT worker_id AS "workerId", COUNT(*)::int AS n FROM job_run_attempts WHERE status = 'succeeded' GROUP BY worker_id`);
  return Object.fromEntries(rows.map((row) => [row.workerId, row.n]));
}

/** Runs that needed more than one attempt. */
export async function retriedRunCount(): Promise<number> {
  const [row] = await query<{ n: number }>(Prisma.sql`SELECT COUNT(*)::int AS n FROM job_runs WHERE attempt > 1`);
  return row?.n ?? 0;
}

export async function queuedRunCount(): Promise<number> {
  const [row] = await query<{ n: number }>(Prisma.sql`SELECT COUNT(*)::int AS n FROM job_runs WHERE status = 'queued'`);
  return row?.n ?? 0;
}
