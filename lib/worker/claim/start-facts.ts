import { Prisma } from "../../db/sql";
import type { ClaimedRun } from "./claimed-run";
import type { QueueConnection } from "./queue-connection";

/** What the fail-closed checks before a handler need to know about a run, read when it starts. */
export interface RunStartFacts {
  /** The run's business as it is now; null when it no longer exists (or the run has none). */
  business: { name: string; status: string } | null;
  /** The user who triggered the run as they are now (a removed user is neither); null when nobody did. */
  actor: { isMember: boolean; isSystemAdmin: boolean } | null;
}

export interface FactsRow {
  id: string;
  business_name: string | null;
  business_status: string | null;
  actor_id: string | null;
  actor_is_member: number | bigint | boolean;
  actor_is_system_admin: number | bigint | boolean | null;
}

/**
 * The facts' columns for the runs of `runs` (an alias of job_runs rows in the FROM clause), with
 * the joins they need: the run's business, and whether the triggering user still belongs to it
 * and is a system admin.
 */
export function startFactsSql(runs: Prisma.Sql): { columns: Prisma.Sql; joins: Prisma.Sql } {
  return {
    columns: Prisma.sql`
      facts_business.name AS business_name, facts_business.status AS business_status, ${runs}.triggered_by_user_id AS actor_id,
      CASE WHEN EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = ${runs}.triggered_by_user_id AND m.business_id = ${runs}.business_id)
        THEN 1 ELSE 0 END AS actor_is_member,
      facts_actor.is_system_admin AS actor_is_system_admin`,
    joins: Prisma.sql`
      LEFT JOIN businesses facts_business ON facts_business.id = ${runs}.business_id
      LEFT JOIN users facts_actor ON facts_actor.id = ${runs}.triggered_by_user_id`,
  };
}

export function toStartFacts(row: FactsRow): RunStartFacts {
  return {
    business: row.business_status === null ? null : { name: row.business_name ?? "", status: row.business_status },
    actor: row.actor_id === null ? null : { isMember: Number(row.actor_is_member) === 1, isSystemAdmin: Number(row.actor_is_system_admin) === 1 },
  };
}

/**
 * The facts for a whole claimed batch in one query. A claim that read them with its leases
 * (PostgreSQL) hands them over with each run, and costs no query here.
 */
export async function readStartFacts({ db }: QueueConnection, runs: ClaimedRun[]): Promise<Map<string, RunStartFacts>> {
  const known = new Map(runs.flatMap((run) => (run.startFacts ? [[run.id, run.startFacts] as const] : [])));
  const unknown = runs.filter((run) => !run.startFacts);
  if (unknown.length === 0) return known;
  const { columns, joins } = startFactsSql(Prisma.raw("r"));
  const rows = await db.$queryRaw<FactsRow[]>(Prisma.sql`
    SELECT r.id, ${columns}
    FROM job_runs r ${joins}
    WHERE r.id IN (${Prisma.join(unknown.map((run) => run.id))})`);
  for (const row of rows) known.set(row.id, toStartFacts(row));
  return known;
}
