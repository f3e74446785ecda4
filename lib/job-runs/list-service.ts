import { authorizeBusinessFilter } from "../tenancy/business-filter";
import { Prisma } from "../db/sql";
import { businessCondition, queryScoped, scopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { serializeRunsWithNames } from "./run-names";
import { decodeCursor, encodeCursor } from "./cursor";
import { businessFilterWhere, runListConditions } from "./queries";
import { resolveRunSearch, searchConditions } from "./run-search";
import type { JobRunFilters, JobRunResponse } from "./schemas";

export interface JobRunPage {
  runs: JobRunResponse[];
  nextCursor: string | null;
}

export async function listJobRuns({
  scope,
  filters,
  cursor,
  limit,
}: {
  scope: Scope;
  filters: JobRunFilters;
  cursor?: string;
  limit: number;
}): Promise<JobRunPage> {
  const businessId = authorizeBusinessFilter(scope, filters.businessId);
  const db = scopedDb(scope);
  // The page is chosen in SQL, then read whole.
  const conditions = runListConditions({ ...filters, businessId }, cursor ? decodeCursor(cursor) : undefined, businessCondition(scope, "t"));
  const paths = filters.q ? searchConditions(await resolveRunSearch(scope, filters.q)) : [Prisma.sql`1 = 1`];
  if (paths.length === 0) return { runs: [], nextCursor: null };
  const ids = await queryScoped<{ id: string }>(scope, (tenant) => pageOfIds(tenant, conditions, paths, limit + 1));
  const byId = new Map((await db.jobRun.findMany({ where: { id: { in: ids.map((row) => row.id) } } })).map((run) => [run.id, run]));
  const rows = ids.flatMap(({ id }) => byId.get(id) ?? []);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    runs: await serializeRunsWithNames(scope, db, page),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/**
 * One newest-first page per search path, merged in the same order: each path keeps its own
 * index (a job-type list, an id range), which one OR of both would rule out for either.
 */
function pageOfIds(tenant: Prisma.Sql, conditions: Prisma.Sql, paths: Prisma.Sql[], take: number): Prisma.Sql {
  const page = (path: Prisma.Sql) =>
    Prisma.sql`SELECT id, created_at FROM job_runs WHERE ${tenant} AND ${conditions} AND ${path} ORDER BY created_at DESC, id DESC LIMIT ${take}`;
  if (paths.length === 1) return page(paths[0]!);
  const parts = paths.map((path, index) => Prisma.sql`SELECT id, created_at FROM (${page(path)}) AS ${Prisma.raw(`path${index}`)}`);
  return Prisma.sql`${Prisma.join(parts, " UNION ")} ORDER BY created_at DESC, id DESC LIMIT ${take}`;
}

const ACTIVE_PAGE = 100;

/** Queued and running runs, running first, with their progress. */
export async function listActiveJobRuns({ scope, businessFilter }: { scope: Scope; businessFilter?: string }) {
  const db = scopedDb(scope);
  const where = businessFilterWhere(authorizeBusinessFilter(scope, businessFilter));
  // One ordered read per status: each walks its (status, run_at) index and stops at the page,
  // where one read of both would sort every queued run of a deep queue to show the first hundred.
  const inStatus = (status: "running" | "queued", take: number) =>
    take > 0 ? db.jobRun.findMany({ where: { ...where, status }, orderBy: [{ runAt: "asc" }, { id: "asc" }], take }) : [];
  const [running, total] = await Promise.all([
    inStatus("running", ACTIVE_PAGE),
    db.jobRun.count({ where: { ...where, status: { in: ["queued", "running"] } } }),
  ]);
  const queued = await inStatus("queued", ACTIVE_PAGE - running.length);
  return { runs: await serializeRunsWithNames(scope, db, [...running, ...queued]), total };
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
