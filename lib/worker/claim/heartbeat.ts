import { prepared } from "../../db/postgres/prepared-statements";
import { Prisma } from "../../db/sql";
import type { QueueConnection } from "./queue-connection";
import type { Lease } from "./queue-types";

/** Refreshes the heartbeat of every lease still held and returns those; the rest were lost. */
export async function heartbeat({ db, dialect }: QueueConnection, leases: Lease[]): Promise<Set<string>> {
  if (leases.length === 0) return new Set();
  const leaseIds = leases.map((lease) => lease.leaseId);
  // PostgreSQL: one text for any number of leases (an array parameter), so it is prepared once.
  const postgres = dialect.name === "postgresql";
  const held = postgres ? Prisma.sql`lease_id = ANY(CAST(${leaseIds} AS TEXT[]))` : Prisma.sql`lease_id IN (${Prisma.join(leaseIds)})`;
  const statement = Prisma.sql`
    UPDATE job_runs SET heartbeat_at = ${dialect.now}
    WHERE status = 'running' AND ${held}
    RETURNING lease_id`;
  const rows = await db.$queryRaw<{ lease_id: string }[]>(postgres ? prepared(statement) : statement);
  return new Set(rows.map((row) => row.lease_id));
}

/** False when the lease is gone (cancelled, rescued): the handler should stop. */
export async function updateProgress(
  { db, dialect }: QueueConnection,
  { runId, leaseId, fraction, message }: Lease & { fraction: number; message: string | null },
): Promise<boolean> {
  const changed = await db.$executeRaw(Prisma.sql`
    UPDATE job_runs SET progress = ${fraction}, progress_message = ${message}, heartbeat_at = ${dialect.now}
    WHERE id = ${runId} AND status = 'running' AND lease_id = ${leaseId}`);
  return changed === 1;
}
