import { authorizeBusinessFilter } from "../tenancy/business-filter";
import { Prisma } from "../db/sql";
import { queryScoped, scopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { serializeRunsWithNames } from "./run-names";
import { decodeCursor, encodeCursor, type RunOrder } from "./cursor";
import { businessFilterWhere, runListConditions } from "./queries";
import type { JobRunFilters, JobRunResponse } from "./schemas";

/** How many runs match, counted no further than TOTAL_COUNT_CAP so a count stays cheap at any size. */
export interface RunTotal {
  count: number;
  /** True when at least `count` match: the set is larger than the count looked. */
  atLeast: boolean;
}

export const TOTAL_COUNT_CAP = 10_000;

export interface JobRunPage {
  runs: JobRunResponse[];
  nextCursor: string | null;
  /** On the first page only: the pages after it belong to the same set. */
  total?: RunTotal;
}

export async function listJobRuns({
  scope,
  filters,
  cursor,
  limit,
  order = "newest",
}: {
  scope: Scope;
  filters: JobRunFilters;
  cursor?: string;
  limit: number;
  order?: RunOrder;
}): Promise<JobRunPage> {
  const businessId = authorizeBusinessFilter(scope, filters.businessId);
  const db = scopedDb(scope);
  // The page is chosen in SQL (Prisma's text filters cannot escape LIKE wildcards), then read whole.
  const conditions = runListConditions({ ...filters, businessId }, cursor ? decodeCursor(cursor, order) : undefined);
  const direction = Prisma.raw(order === "oldest" ? "ASC" : "DESC");
  const [ids, total] = await Promise.all([
    queryScoped<{ id: string }>(
      scope,
      (tenant) =>
        Prisma.sql`SELECT id FROM job_runs WHERE ${tenant} AND ${conditions} ORDER BY created_at ${direction}, id ${direction} LIMIT ${limit + 1}`,
    ),
    cursor ? undefined : countRuns(scope, runListConditions({ ...filters, businessId })),
  ]);
  const byId = new Map((await db.jobRun.findMany({ where: { id: { in: ids.map((row) => row.id) } } })).map((run) => [run.id, run]));
  const rows = ids.flatMap(({ id }) => byId.get(id) ?? []);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    runs: await serializeRunsWithNames(scope, db, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id, order }) : null,
    ...(total ? { total } : {}),
  };
}

/**
 * Counts the matching runs, stopping one past the cap: the same indexes as the page serve it, and
 * a million matching runs cost no more than ten thousand.
 */
async function countRuns(scope: Scope, conditions: Prisma.Sql): Promise<RunTotal> {
  const [row] = await queryScoped<{ n: bigint | number }>(
    scope,
    (tenant) =>
      Prisma.sql`SELECT COUNT(*) AS n FROM (SELECT 1 FROM job_runs WHERE ${tenant} AND ${conditions} LIMIT ${TOTAL_COUNT_CAP + 1}) AS matching`,
  );
  const counted = Number(row?.n ?? 0);
  return counted > TOTAL_COUNT_CAP ? { count: TOTAL_COUNT_CAP, atLeast: true } : { count: counted, atLeast: false };
}

/** Queued and running runs, running first, with their progress. */
export async function listActiveJobRuns({ scope, businessFilter }: { scope: Scope; businessFilter?: string }) {
  const db = scopedDb(scope);
  const where = { ...businessFilterWhere(authorizeBusinessFilter(scope, businessFilter)), status: { in: ["queued", "running"] } };
  const [rows, total] = await Promise.all([
    db.jobRun.findMany({ where, orderBy: [{ status: "desc" }, { runAt: "asc" }, { id: "asc" }], take: 100 }),
    db.jobRun.count({ where }),
  ]);
  return { runs: await serializeRunsWithNames(scope, db, rows), total };
}

/** The most recently finished runs. */
export async function listRecentJobRuns({ scope, businessFilter }: { scope: Scope; businessFilter?: string }) {
  const db = scopedDb(scope);
  const rows = await db.jobRun.findMany({
    where: { ...businessFilterWhere(authorizeBusinessFilter(scope, businessFilter)), finishedAt: { not: null } },
    orderBy: [{ finishedAt: "desc" }, { id: "desc" }],
    take: 20,
  });
  return { runs: await serializeRunsWithNames(scope, db, rows) };
}
