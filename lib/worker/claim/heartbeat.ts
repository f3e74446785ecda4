import { prepared } from "../../db/postgres/prepared-statements";
import { Prisma } from "../../db/sql";
import type { QueueConnection } from "./queue-connection";
import type { Lease } from "./queue-types";

/** Refreshes the heartbeat of every lease still held and returns those; the rest were lost. */
export async function heartbeat({ db, dialect }: QueueConnection, leases: Lease[]): Promise<Set<string>> {
  if (leases.length === 0) return new Set();
  const leaseIds = leases.map((lease) => lease.leaseId);
  const rows = await db.$queryRaw<{ lease_id: string }[]>(
    dialect.name === "postgresql"
      ? // One text for any number of leases (an array parameter), so it is prepared once. The rows are
        // locked in id order, as a batch completion locks them: two statements that lock many of the
        // same rows in different orders can deadlock.
        prepared(Prisma.sql`
          WITH held AS (
            SELECT id FROM job_runs WHERE status = 'running' AND lease_id = ANY(CAST(${leaseIds} AS TEXT[])) ORDER BY id FOR UPDATE
          )
          UPDATE job_runs SET heartbeat_at = ${dialect.now} FROM held WHERE job_runs.id = held.id
          RETURNING job_runs.lease_id`)
      : Prisma.sql`
          UPDATE job_runs SET heartbeat_at = ${dialect.now}
          WHERE status = 'running' AND lease_id IN (${Prisma.join(leaseIds)})
          RETURNING lease_id`,
  );
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
