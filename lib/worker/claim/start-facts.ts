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

interface FactsRow {
  id: string;
  business_name: string | null;
  business_status: string | null;
  actor_id: string | null;
  actor_is_member: number | bigint | boolean;
  actor_is_system_admin: number | bigint | boolean | null;
}

/**
 * The facts for a whole claimed batch in one query: its businesses, and for each triggering user
 * whether they still belong to the run's business and whether they are a system admin.
 */
export async function readStartFacts({ db }: QueueConnection, runs: ClaimedRun[]): Promise<Map<string, RunStartFacts>> {
  if (runs.length === 0) return new Map();
  const rows = await db.$queryRaw<FactsRow[]>(Prisma.sql`
    SELECT r.id, b.name AS business_name, b.status AS business_status, r.triggered_by_user_id AS actor_id,
      CASE WHEN EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = r.triggered_by_user_id AND m.business_id = r.business_id)
        THEN 1 ELSE 0 END AS actor_is_member,
      u.is_system_admin AS actor_is_system_admin
    FROM job_runs r
    LEFT JOIN businesses b ON b.id = r.business_id
    LEFT JOIN users u ON u.id = r.triggered_by_user_id
    WHERE r.id IN (${Prisma.join(runs.map((run) => run.id))})`);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        business: row.business_status === null ? null : { name: row.business_name ?? "", status: row.business_status },
        actor: row.actor_id === null ? null : { isMember: Number(row.actor_is_member) === 1, isSystemAdmin: Number(row.actor_is_system_admin) === 1 },
      },
    ]),
  );
}
