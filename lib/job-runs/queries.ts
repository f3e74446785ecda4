import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import type { RunCursor } from "./cursor";
import type { JobRunFilters } from "./schemas";
import { tagPattern } from "../jobs/run-tags";

type BusinessFilter = JobRunFilters["businessId"];

/** Narrowing a system admin may ask for; a business scope is applied separately by the scoped client. */
export function businessFilterWhere(filter: BusinessFilter): Prisma.JobRunWhereInput {
  if (filter === undefined) return {};
  if (filter === "system") return { businessId: null, scope: "system" };
  if (filter === "orphan") return { businessId: null, scope: "tenant" };
  return { businessId: filter };
}

export function businessFilterSql(filter: BusinessFilter): Prisma.Sql {
  if (filter === undefined) return Prisma.sql`1 = 1`;
  if (filter === "system") return Prisma.sql`business_id IS NULL AND scope = 'system'`;
  if (filter === "orphan") return Prisma.sql`business_id IS NULL AND scope = 'tenant'`;
  return Prisma.sql`business_id = ${filter}`;
}

export function runListWhere(filters: JobRunFilters, cursor?: RunCursor): Prisma.JobRunWhereInput {
  const and: Prisma.JobRunWhereInput[] = [businessFilterWhere(filters.businessId)];
  if (filters.status?.length) and.push({ status: { in: filters.status } });
  if (filters.jobType) and.push({ jobType: filters.jobType });
  if (filters.tag) and.push({ tags: { contains: tagPattern(filters.tag) } });
  if (filters.from) and.push({ createdAt: { gte: filters.from } });
  if (filters.to) and.push({ createdAt: { lte: filters.to } });
  if (filters.q) and.push({ OR: [{ id: { startsWith: filters.q.toLowerCase() } }, { jobType: containsIgnoringCase(filters.q) }] });
  if (cursor) {
    // The first condition is implied by the second; spelled out, it bounds the index range, so a
    // deep page starts at the cursor instead of filtering its way there from the newest run.
    and.push({ createdAt: { lte: cursor.createdAt } });
    and.push({
      OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }],
    });
  }
  return { AND: and };
}

// SQLite's LIKE already ignores ASCII case; PostgreSQL's needs ILIKE, which Prisma calls mode "insensitive".
function containsIgnoringCase(text: string): Prisma.StringFilter<"JobRun"> {
  if (sqlDialect().name === "sqlite") return { contains: text };
  return { contains: text, mode: "insensitive" } as Prisma.StringFilter<"JobRun">;
}

export const NEWEST_FIRST: Prisma.JobRunOrderByWithRelationInput[] = [{ createdAt: "desc" }, { id: "desc" }];
