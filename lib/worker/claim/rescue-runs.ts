import { Prisma } from "../../db/sql";
import { inQueueTransaction } from "./queue-access";
import type { QueueConnection } from "./queue-connection";
import type { StaleRun } from "./queue-types";

/** Running runs whose last sign of life is older than `staleAfterMs`. */
export async function findStaleRuns({ db, dialect }: QueueConnection, { staleAfterMs, limit }: { staleAfterMs: number; limit: number }): Promise<StaleRun[]> {
  const rows = await db.$queryRaw<{ id: string; lease_id: string | null; business_id: string | null; attempt: number | bigint }[]>(
    Prisma.sql`
      SELECT id, lease_id, business_id, attempt FROM job_runs
      WHERE status = 'running' AND COALESCE(heartbeat_at, started_at, updated_at) < ${dialect.nowPlusMs(-staleAfterMs)}
      ORDER BY heartbeat_at
      LIMIT ${limit}`,
  );
  return rows.map((row) => ({ runId: row.id, leaseId: row.lease_id, businessId: row.business_id, attempt: Number(row.attempt) }));
}

export interface RescueRequest {
  runId: string;
  leaseId: string | null;
  staleAfterMs: number;
  /** Why the run was taken away: stored on the run and its attempt, and logged with what happens next. */
  message: string;
}

interface RescuedRow {
  id: string;
  business_id: string | null;
  attempt: number | bigint;
  status: string;
}

/**
 * Re-queues (or fails, when its attempts are used up) one stale run, closes its attempt and logs
 * why, all or nothing. Fenced on the lease seen by the sweep and on the heartbeat still being
 * stale, so with several sweepers exactly one wins, and a worker that heartbeated in the meantime
 * keeps its run. A run marked running without a lease (imported or seeded rows) has its open
 * attempts closed too, or they would say "running" for ever.
 */
export async function rescueRun(queue: QueueConnection, request: RescueRequest): Promise<"requeued" | "failed" | null> {
  const { dialect } = queue;
  const { now } = dialect;
  const { runId, leaseId, staleAfterMs, message } = request;
  const leaseFence = leaseId ? Prisma.sql`lease_id = ${leaseId}` : Prisma.sql`lease_id IS NULL`;
  const runChange = Prisma.sql`
    UPDATE job_runs SET
      status = CASE WHEN attempt < max_attempts THEN 'queued' ELSE 'failed' END,
      run_at = ${now},
      finished_at = CASE WHEN attempt < max_attempts THEN NULL ELSE ${now} END,
      error_message = ${message}, error_stack = NULL,
      heartbeat_at = NULL, locked_by = NULL, lease_id = NULL, updated_at = ${now}
    WHERE id = ${runId} AND status = 'running' AND ${leaseFence}
      AND COALESCE(heartbeat_at, started_at, updated_at) < ${dialect.nowPlusMs(-staleAfterMs)}
    RETURNING id, business_id, attempt, status`;
  const closeAttempt = Prisma.sql`
    UPDATE job_run_attempts SET status = 'rescued', finished_at = ${now}, error_message = ${message}, error_stack = NULL
    WHERE run_id = ${runId} AND status = 'running' ${leaseId ? Prisma.sql`AND lease_id = ${leaseId}` : Prisma.empty}`;
  const logLine = (row: Prisma.Sql) => Prisma.sql`
    INSERT INTO job_run_logs (run_id, business_id, attempt, level, message, created_at)
    SELECT id, business_id, attempt, 'warn',
      CASE WHEN status = 'queued' THEN ${`${message}; queued again`} ELSE ${`${message}; no attempts left, failed`} END, ${now}
    FROM ${row}`;

  let status: string | undefined;
  if (dialect.name === "postgresql") {
    const rows = await queue.db.$queryRaw<RescuedRow[]>(Prisma.sql`
      WITH rescued AS (${runChange}),
      closed AS (${closeAttempt} AND EXISTS (SELECT 1 FROM rescued)),
      logged AS (${logLine(Prisma.sql`rescued`)})
      SELECT status FROM rescued`);
    status = rows[0]?.status;
  } else {
    status = await inQueueTransaction(queue.raw, async (tx) => {
      const [row] = await tx.$queryRaw<RescuedRow[]>(runChange);
      if (!row) return undefined;
      await tx.$executeRaw(closeAttempt);
      await tx.$executeRaw(logLine(Prisma.sql`job_runs WHERE id = ${runId}`));
      return row.status;
    });
  }
  if (!status) return null;
  return status === "queued" ? "requeued" : "failed";
}
