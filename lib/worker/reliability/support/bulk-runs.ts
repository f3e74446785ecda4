import { Prisma } from "../../../db/sql";
import { ALL_BUSINESSES, scopedDb } from "../../../tenancy";

/**
 * Queues `count` runs of one business in a single statement (PostgreSQL), due now, and returns
 * their ids. `params` is a SQL expression evaluated per row, so every run can get its own values;
 * the ORM's createMany is far too slow for the thousands of runs these tests need.
 */
export async function queueRunsInBulk({
  businessId,
  jobType,
  count,
  params = Prisma.sql`'{}'::jsonb`,
  maxAttempts = 3,
}: {
  businessId: string;
  jobType: string;
  count: number;
  params?: Prisma.Sql;
  maxAttempts?: number;
}): Promise<string[]> {
  if (count < 1) return [];
  const rows = await scopedDb(ALL_BUSINESSES).$queryRaw<{ id: string }[]>(Prisma.sql`
    INSERT INTO job_runs (id, business_id, scope, job_type, status, params, max_attempts, run_at, created_at, updated_at)
    SELECT gen_random_uuid()::text, ${businessId}, 'tenant', ${jobType}, 'queued', ${params}, ${maxAttempts}::int, now(), now(), now()
    FROM generate_series(1, ${count}::int)
    RETURNING id`);
  return rows.map((row) => row.id);
}

/**
 * Call after queueing thousands of runs at once. The copied template's statistics say job_runs is
 * empty; planned with them, the claim statement re-reads every queued run per candidate and takes
 * seconds per claim. Autovacuum would analyze within a minute; these tests are about the queue,
 * not that minute.
 */
export async function refreshRunStatistics(): Promise<void> {
  await scopedDb(ALL_BUSINESSES).$executeRaw(Prisma.sql`ANALYZE job_runs`);
}

/** test-sleep params with a duration drawn per run, uniformly between the bounds (inclusive). */
export function randomSleepParams(minMs: number, maxMs: number): Prisma.Sql {
  return Prisma.sql`jsonb_build_object('ms', ${minMs}::int + floor(random() * ${maxMs - minMs + 1}::int)::int)`;
}
