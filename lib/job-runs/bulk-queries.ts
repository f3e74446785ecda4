import { Prisma } from "../db/sql";
import { queryScoped } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { runListConditions } from "./queries";
import type { JobRunFilters } from "./schemas";

/** Counting stops here: a refusal or a preview needs to say "more than this", not the exact size of a huge history. */
export const COUNT_CAP = 100_000;

/** Ids of the runs a list with these filters shows, newest first, at most `limit` of them. */
export async function matchingRunIds({ scope, filters, limit }: { scope: Scope; filters: JobRunFilters; limit: number }): Promise<string[]> {
  const rows = await queryScoped<{ id: string }>(
    scope,
    (tenant) => Prisma.sql`SELECT id FROM job_runs WHERE ${tenant} AND ${runListConditions(filters)} ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
  );
  return rows.map((row) => row.id);
}

/** How many runs match, counted up to COUNT_CAP + 1 so that a caller can tell "more than COUNT_CAP". */
export async function countMatchingRuns({ scope, filters }: { scope: Scope; filters: JobRunFilters }): Promise<number> {
  const [row] = await queryScoped<{ n: bigint | number }>(
    scope,
    (tenant) => Prisma.sql`
      SELECT COUNT(*) AS n FROM (SELECT 1 FROM job_runs WHERE ${tenant} AND ${runListConditions(filters)} LIMIT ${COUNT_CAP + 1}) AS capped`,
  );
  return Number(row?.n ?? 0);
}
