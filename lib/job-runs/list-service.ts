import { authorizeBusinessFilter } from "../tenancy/business-filter";
import { scopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { serializeRunsWithNames } from "./run-names";
import { decodeCursor, encodeCursor } from "./cursor";
import { NEWEST_FIRST, businessFilterWhere, runListWhere } from "./queries";
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
  const rows = await db.jobRun.findMany({
    where: runListWhere({ ...filters, businessId }, cursor ? decodeCursor(cursor) : undefined),
    orderBy: NEWEST_FIRST,
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    runs: await serializeRunsWithNames(scope, db, page),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
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
