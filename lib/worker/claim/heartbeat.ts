import { Prisma } from "../../db/sql";
import type { QueueConnection } from "./queue-connection";
import type { Lease } from "./queue-types";

/** Refreshes the heartbeat of every lease still held and returns those; the rest were lost. */
export async function heartbeat({ db, dialect }: QueueConnection, leases: Lease[]): Promise<Set<string>> {
  if (leases.length === 0) return new Set();
  const rows = await db.$queryRaw<{ lease_id: string }[]>(Prisma.sql`
    UPDATE job_runs SET heartbeat_at = ${dialect.now}
    WHERE status = 'running' AND lease_id IN (${Prisma.join(leases.map((lease) => lease.leaseId))})
    RETURNING lease_id`);
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
