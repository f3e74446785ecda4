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

/**
 * The conditions of a run list in SQL, for a query that already holds the scope's condition.
 * Text filters match literally: `%`, `_` and `\` in `q` or `tag` are escaped for LIKE, with the
 * escape character named, so both databases read them the same way.
 */
export function runListConditions(filters: JobRunFilters, cursor?: RunCursor): Prisma.Sql {
  const { time, name } = sqlDialect();
  const and: Prisma.Sql[] = [businessFilterSql(filters.businessId)];
  if (filters.status?.length) and.push(Prisma.sql`status IN (${Prisma.join(filters.status)})`);
  if (filters.jobType) and.push(Prisma.sql`job_type = ${filters.jobType}`);
  if (filters.tag) and.push(Prisma.sql`tags LIKE ${`%${escapeLike(tagPattern(filters.tag))}%`} ESCAPE '\\'`);
  if (filters.from) and.push(Prisma.sql`created_at >= ${time(filters.from)}`);
  if (filters.to) and.push(Prisma.sql`created_at <= ${time(filters.to)}`);
  if (filters.q) {
    // SQLite's LIKE already ignores ASCII case; PostgreSQL's needs ILIKE.
    const like = Prisma.raw(name === "sqlite" ? "LIKE" : "ILIKE");
    and.push(
      Prisma.sql`(id LIKE ${`${escapeLike(filters.q.toLowerCase())}%`} ESCAPE '\\' OR job_type ${like} ${`%${escapeLike(filters.q)}%`} ESCAPE '\\')`,
    );
  }
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

/** Text for LIKE that matches itself only: the wildcards and the escape character are escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

