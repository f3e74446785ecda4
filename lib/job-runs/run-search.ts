import { Prisma } from "../db/sql";
import { listJobDefinitions } from "../jobs/registry";
import { queryScoped } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";

/**
 * What a search text `q` means, resolved before any run is read: the job types whose name
 * contains it, and the run ids that start with it. Each becomes its own condition that an index
 * serves (job_type IN (...), a primary-key range), instead of a LIKE that row-level security
 * would keep from any index: LIKE is not leakproof, equality and ordering comparisons are.
 */
export interface RunSearch {
  jobTypes: string[];
  idRange: IdRange | null;
}

/** Ids from `from` (inclusive) to `to` (exclusive), compared bytewise (C collation on PostgreSQL). */
export interface IdRange {
  from: string;
  to: string;
}

const ID_PREFIX = /^[0-9a-f-]{1,36}$/;

export async function resolveRunSearch(scope: Scope, q: string): Promise<RunSearch> {
  return { jobTypes: matchingJobTypes(q, await knownJobTypes(scope)), idRange: idPrefixRange(q) };
}

/** Names that contain `q`, ignoring case; `%`, `_` and `\` are ordinary characters here. */
export function matchingJobTypes(q: string, known: Iterable<string>): string[] {
  const needle = q.toLowerCase();
  return [...new Set(known)].filter((type) => type.toLowerCase().includes(needle)).sort();
}

/**
 * Run ids are lowercase UUIDs, so only hex digits and hyphens can start one. Every string that
 * starts with the prefix lies between the prefix and the prefix with its last character raised.
 */
export function idPrefixRange(q: string): IdRange | null {
  const prefix = q.toLowerCase();
  if (!ID_PREFIX.test(prefix)) return null;
  const last = prefix.charCodeAt(prefix.length - 1);
  return { from: prefix, to: prefix.slice(0, -1) + String.fromCharCode(last + 1) };
}

/** The search conditions, one per index path; none when `q` can match no run. */
export function searchConditions(search: RunSearch): Prisma.Sql[] {
  const paths: Prisma.Sql[] = [];
  if (search.jobTypes.length) paths.push(Prisma.sql`job_type IN (${Prisma.join(search.jobTypes)})`);
  if (search.idRange) paths.push(Prisma.sql`id >= ${search.idRange.from} AND id < ${search.idRange.to}`);
  return paths;
}

/**
 * Registered types and every type a run was ever created with (job_types_seen, kept by the
 * database when a run is inserted). Type names are not tenant data: the table has no business.
 */
async function knownJobTypes(scope: Scope): Promise<string[]> {
  const seen = await queryScoped<{ job_type: string }>(scope, () => Prisma.sql`SELECT job_type FROM job_types_seen`);
  return [...listJobDefinitions().map((definition) => definition.type), ...seen.map((row) => row.job_type)];
}
