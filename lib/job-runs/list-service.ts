import { authorizeBusinessFilter } from "../tenancy/business-filter";
import { Prisma } from "../db/sql";
import { businessCondition, queryScoped, scopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { serializeRunsWithNames } from "./run-names";
import { decodeCursor, encodeCursor, type RunOrder } from "./cursor";
import { businessFilterSql, businessFilterWhere, runListConditions } from "./queries";
import { resolveRunSearch, searchConditions } from "./run-search";
import type { JobRunFilters, JobRunResponse } from "./schemas";

/** How many runs match, counted no further than TOTAL_COUNT_CAP so a count stays cheap at any size. */
export interface RunTotal {
  count: number;
  /** True when at least `count` match: the set is larger than the count looked. */
  atLeast: boolean;
}

export const TOTAL_COUNT_CAP = 1_000;

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
  // The page is chosen in SQL, then read whole.
  const tagScope = businessCondition(scope, "t");
  const conditions = runListConditions({ ...filters, businessId }, cursor ? decodeCursor(cursor, order) : undefined, tagScope);
  const paths = filters.q ? searchConditions(await resolveRunSearch(scope, filters.q)) : [Prisma.sql`1 = 1`];
  if (paths.length === 0) return { runs: [], nextCursor: null, ...(cursor ? {} : { total: { count: 0, atLeast: false } }) };
  const [ids, total] = await Promise.all([
    queryScoped<{ id: string }>(scope, (tenant) => pageOfIds(tenant, conditions, paths, limit + 1, order)),
    cursor ? undefined : countRuns(scope, { ...filters, businessId }, paths, order),
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
 * One page per search path in the list's order, merged in that order: each path keeps its own
 * index (a job-type list, an id range), which one OR of both would rule out for either.
 */
function pageOfIds(tenant: Prisma.Sql, conditions: Prisma.Sql, paths: Prisma.Sql[], take: number, order: RunOrder): Prisma.Sql {
  const direction = Prisma.raw(order === "oldest" ? "ASC" : "DESC");
  const page = (path: Prisma.Sql) =>
    Prisma.sql`SELECT id, created_at FROM job_runs WHERE ${tenant} AND ${conditions} AND ${path} ORDER BY created_at ${direction}, id ${direction} LIMIT ${take}`;
  if (paths.length === 1) return page(paths[0]!);
  const parts = paths.map((path, index) => Prisma.sql`SELECT id, created_at FROM (${page(path)}) AS ${Prisma.raw(`path${index}`)}`);
  return Prisma.sql`${Prisma.join(parts, " UNION ")} ORDER BY created_at ${direction}, id ${direction} LIMIT ${take}`;
}

/**
 * Counts the matching runs, stopping one past the cap on each search path. Without a tag the count
 * walks the page's own index in the page's order, so it costs what twenty pages cost whatever the
 * set's size. With tags it starts from the first tag's rows (its (business_id, tag) or (tag) index)
 * and looks up each run by key: walking the runs instead would read every run of the scope to find
 * a rare tag's thousand.
 */
async function countRuns(scope: Scope, filters: JobRunFilters, paths: Prisma.Sql[], order: RunOrder): Promise<RunTotal> {
  const tagScope = businessCondition(scope, "t");
  const [firstTag, ...otherTags] = filters.tag ?? [];
  const direction = Prisma.raw(order === "oldest" ? "ASC" : "DESC");
  const [row] = await queryScoped<{ n: bigint | number }>(scope, (tenant) => {
    const matching = (path: Prisma.Sql, index: number) => {
      const alias = Prisma.raw(`path${index}`);
      if (firstTag === undefined) {
        const conditions = runListConditions(filters, undefined, tagScope);
        return Prisma.sql`SELECT id FROM (SELECT id FROM job_runs WHERE ${tenant} AND ${conditions} AND ${path}
          ORDER BY created_at ${direction}, id ${direction} LIMIT ${TOTAL_COUNT_CAP + 1}) AS ${alias}`;
      }
      const tagRows = Prisma.sql`t.tag = ${firstTag} AND ${tagScope} AND ${businessFilterSql(filters.businessId, "t")}`;
      // A tag row has its run's business, kept by the database, and goes with its run: with
      // nothing else to check, the tag rows are the runs, and no run needs to be read.
      if (onlyTheTagAndBusiness(filters)) {
        return Prisma.sql`SELECT id FROM (SELECT t.run_id AS id FROM job_run_tags t WHERE ${tagRows} LIMIT ${TOTAL_COUNT_CAP + 1}) AS ${alias}`;
      }
      const conditions = runListConditions({ ...filters, tag: otherTags }, undefined, tagScope);
      return Prisma.sql`SELECT id FROM (SELECT t.run_id AS id FROM job_run_tags t
        WHERE ${tagRows}
          AND EXISTS (SELECT 1 FROM job_runs WHERE job_runs.id = t.run_id AND ${tenant} AND ${conditions} AND ${path} LIMIT 1)
        LIMIT ${TOTAL_COUNT_CAP + 1}) AS ${alias}`;
    };
    return Prisma.sql`SELECT COUNT(*) AS n FROM (${Prisma.join(paths.map(matching), " UNION ")}) AS matching`;
  });
  return capped(Number(row?.n ?? 0));
}

const ACTIVE_PAGE = 100;

/** Queued and running runs, running first, with their progress. */
export async function listActiveJobRuns({ scope, businessFilter }: { scope: Scope; businessFilter?: string }) {
  const db = scopedDb(scope);
  const filter = authorizeBusinessFilter(scope, businessFilter);
  const where = businessFilterWhere(filter);
  // One ordered read per status: each walks its (status, run_at) index and stops at the page,
  // where one read of both would sort every queued run of a deep queue to show the first hundred.
  const inStatus = (status: "running" | "queued", take: number) =>
    take > 0 ? db.jobRun.findMany({ where: { ...where, status }, orderBy: [{ runAt: "asc" }, { id: "asc" }], take }) : [];
  const [running, total] = await Promise.all([inStatus("running", ACTIVE_PAGE), countUnfinished(scope, filter)]);
  const queued = await inStatus("queued", ACTIVE_PAGE - running.length);
  return { runs: await serializeRunsWithNames(scope, db, [...running, ...queued]), total };
}

/**
 * Queued and running runs, counted no further than the cap: the rows of a queue being drained are
 * new, so their index entries cannot be counted without visiting each row, and twenty thousand
 * of them took longer than the rest of the page.
 */
async function countUnfinished(scope: Scope, filter: JobRunFilters["businessId"]): Promise<RunTotal> {
  const [row] = await queryScoped<{ n: bigint | number }>(
    scope,
    (tenant) => Prisma.sql`SELECT COUNT(*) AS n FROM (SELECT id FROM job_runs
      WHERE ${tenant} AND ${businessFilterSql(filter)} AND status IN ('queued', 'running') LIMIT ${TOTAL_COUNT_CAP + 1}) AS unfinished`,
  );
  return capped(Number(row?.n ?? 0));
}

/**
 * One tag and at most a business, and no other filter, whatever filters there are now or later.
 * System runs and orphans both have tag rows without a business, so telling them apart needs the run.
 */
function onlyTheTagAndBusiness({ tag = [], businessId, ...others }: JobRunFilters): boolean {
  const unset = (value: unknown) => value === undefined || (Array.isArray(value) && value.length === 0);
  return tag.length === 1 && businessId !== "system" && businessId !== "orphan" && Object.values(others).every(unset);
}

function capped(counted: number): RunTotal {
  return counted > TOTAL_COUNT_CAP ? { count: TOTAL_COUNT_CAP, atLeast: true } : { count: counted, atLeast: false };
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
