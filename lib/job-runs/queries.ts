import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import type { RunCursor } from "./cursor";
import type { JobRunFilters } from "./schemas";

type BusinessFilter = JobRunFilters["businessId"];

/** Narrowing a system admin may ask for; a business scope is applied separately by the scoped client. */
export function businessFilterWhere(filter: BusinessFilter): Prisma.JobRunWhereInput {
  if (filter === undefined) return {};
  if (filter === "system") return { businessId: null, scope: "system" };
  if (filter === "orphan") return { businessId: null, scope: "tenant" };
  return { businessId: filter };
}

/** On job_runs, or on the tag rows (alias t), which have the business but not the scope column. */
export function businessFilterSql(filter: BusinessFilter, tagAlias?: "t"): Prisma.Sql {
  if (filter === undefined) return Prisma.sql`1 = 1`;
  if (tagAlias) return filter === "system" || filter === "orphan" ? Prisma.sql`t.business_id IS NULL` : Prisma.sql`t.business_id = ${filter}`;
  if (filter === "system") return Prisma.sql`business_id IS NULL AND scope = 'system'`;
  if (filter === "orphan") return Prisma.sql`business_id IS NULL AND scope = 'tenant'`;
  return Prisma.sql`business_id = ${filter}`;
}

/**
 * The conditions of a run list in SQL, for a query that already holds the scope's condition;
 * the search text is resolved apart (see run-search.ts) and added per index path. Every operator
 * that reaches job_runs or job_run_tags is leakproof (equality, IN, ordering comparisons), so
 * row-level security on PostgreSQL keeps each condition's index and statistics.
 */
export function runListConditions(filters: JobRunFilters, cursor?: RunCursor, tagScope: Prisma.Sql = Prisma.sql`1 = 1`): Prisma.Sql {
  const { time, withoutIndex } = sqlDialect();
  const and: Prisma.Sql[] = [businessFilterSql(filters.businessId)];
  // SQLite would otherwise pick the status index and sort every run of that status; walking the
  // newest-first index reads status from the index entries and stops at the page's end.
  if (filters.status?.length) and.push(Prisma.sql`${withoutIndex(Prisma.raw("status"))} IN (${Prisma.join(filters.status)})`);
  if (filters.jobType) and.push(Prisma.sql`job_type = ${filters.jobType}`);
  // A tag row has its run's business. Naming it (the scope's, `tagScope` on alias t, and the
  // filter's) lets PostgreSQL start from the (business_id, tag) index when that is cheaper than
  // probing the (run_id, tag) key of each run read newest first. LIMIT 1 keeps SQLite from turning
  // EXISTS into a join, for which it builds a Bloom filter from a full pass over job_run_tags;
  // PostgreSQL drops the LIMIT of an EXISTS.
  for (const tag of filters.tag ?? []) {
    const tagBusiness = businessFilterSql(filters.businessId, "t");
    and.push(Prisma.sql`EXISTS (SELECT 1 FROM job_run_tags t WHERE t.run_id = job_runs.id AND t.tag = ${tag} AND ${tagScope} AND ${tagBusiness} LIMIT 1)`);
  }
  if (filters.from) and.push(Prisma.sql`created_at >= ${time(filters.from)}`);
  if (filters.to) and.push(Prisma.sql`created_at <= ${time(filters.to)}`);
  if (cursor) {
    // The first condition is implied by the second; spelled out, it bounds the index range, so a
    // deep page starts at the cursor instead of filtering its way there from the newest run.
    const at = time(cursor.createdAt);
    and.push(
      cursor.order === "oldest"
        ? Prisma.sql`created_at >= ${at} AND (created_at > ${at} OR (created_at = ${at} AND id > ${cursor.id}))`
        : Prisma.sql`created_at <= ${at} AND (created_at < ${at} OR (created_at = ${at} AND id < ${cursor.id}))`,
    );
  }
  return Prisma.join(and, " AND ");
}
