import { Prisma } from "../../db/sql";
import type { QueueDialect } from "./dialect";
import { inQueueTransaction, type QueueDb } from "./queue-access";
import type { QueueConnection } from "./queue-connection";
import { MAX_MESSAGE, MAX_STACK, truncate, type AttemptOutcome, type Lease, type LogLine, type RunFailure } from "./queue-types";
import { insertLogsSql, insertSettleLogsSql } from "./run-logs";

/*
 * Whatever settles a run is fenced on `status = 'running' AND lease_id = <lease>`: once a run was
 * cancelled, rescued or re-claimed, the old lease matches nothing and a late worker cannot
 * overwrite the newer state.
 */

type AttemptClose = Lease & { status: AttemptOutcome; error?: RunFailure };

export function closeAttemptSql(dialect: QueueDialect, { runId, leaseId, status, error }: AttemptClose): Prisma.Sql {
  return Prisma.sql`
    UPDATE job_run_attempts SET
      status = ${status}, finished_at = ${dialect.now},
      error_message = ${error ? truncate(error.message, MAX_MESSAGE) : null},
      error_stack = ${error?.stack ? truncate(error.stack, MAX_STACK) : null}
    WHERE run_id = ${runId} AND lease_id = ${leaseId} AND status = 'running'`;
}

/**
 * Changes the run, and only when that took closes its attempt row, all or nothing: a worker
 * killed in between must not leave a settled run whose attempt still says running.
 */
function settle(
  queue: QueueConnection,
  runChange: Prisma.Sql,
  attempt: AttemptClose,
  { logs = [], logsIfSettled = [] }: { logs?: LogLine[]; logsIfSettled?: LogLine[] } = {},
): Promise<number> {
  const { raw, dialect } = queue;
  if (dialect.name === "postgresql") return settleInOneStatement(queue, runChange, attempt, { logs, logsIfSettled });
  return inQueueTransaction(raw, async (tx) => {
    const changed = await changeRunThenAttempt(tx, dialect, runChange, attempt);
    // The handler's last lines and the closing line travel with the settle: one round trip fewer per run.
    const lines = changed ? [...logs, ...logsIfSettled] : logs;
    if (lines.length > 0) await tx.$executeRaw(insertLogsSql(dialect, lines));
    return changed ? 1 : 0;
  });
}

/** Inside the caller's transaction (SQLite): the run's change, then its attempt's close only when the change took. */
export async function changeRunThenAttempt(tx: QueueDb, dialect: QueueDialect, runChange: Prisma.Sql, attempt: AttemptClose): Promise<boolean> {
  const changed = await tx.$executeRaw(runChange);
  if (changed === 1) await tx.$executeRaw(closeAttemptSql(dialect, attempt));
  return changed === 1;
}

/**
 * PostgreSQL runs data-modifying CTEs in one statement and one snapshot: the same all-or-nothing
 * settle as the transaction, in one round trip instead of five.
 */
async function settleInOneStatement(
  { db, dialect }: QueueConnection,
  runChange: Prisma.Sql,
  attempt: AttemptClose,
  { logs, logsIfSettled }: { logs: LogLine[]; logsIfSettled: LogLine[] },
): Promise<number> {
  const logRows =
    logs.length + logsIfSettled.length === 0
      ? Prisma.empty
      : Prisma.sql`, logs AS (${insertSettleLogsSql(dialect, { logs, logsIfSettled, settled: Prisma.sql`EXISTS (SELECT 1 FROM changed)` })})`;
  const rows = await db.$queryRaw<{ n: bigint | number | string }[]>(Prisma.sql`
    WITH changed AS (${runChange} RETURNING id),
    closed AS (
      ${closeAttemptSql(dialect, attempt)} AND EXISTS (SELECT 1 FROM changed)
    )
    ${logRows}
    SELECT COUNT(*) AS n FROM changed`);
  return Number(rows[0]?.n ?? 0);
}

/** The fenced change of one run to succeeded. */
export function completeRunSql(dialect: QueueDialect, { runId, leaseId, result }: Lease & { result: string | null }): Prisma.Sql {
  const { now } = dialect;
  return Prisma.sql`
    UPDATE job_runs SET
      status = 'succeeded', result = ${result}, progress = 1, error_message = NULL, error_stack = NULL,
      finished_at = ${now}, heartbeat_at = ${now}, locked_by = NULL, lease_id = NULL, updated_at = ${now}
    WHERE id = ${runId} AND status = 'running' AND lease_id = ${leaseId}`;
}

/**
 * Marks the run succeeded and closes its attempt; false when the lease was lost meanwhile.
 * `logs` are written either way; `logsIfSettled` only when the run was settled here.
 */
export async function completeRun(
  queue: QueueConnection,
  { runId, leaseId, result, logs, logsIfSettled }: Lease & { result: string | null; logs?: LogLine[]; logsIfSettled?: LogLine[] },
): Promise<boolean> {
  const changed = await settle(
    queue,
    completeRunSql(queue.dialect, { runId, leaseId, result }),
    { runId, leaseId, status: "succeeded" },
    { logs, logsIfSettled },
  );
  return changed === 1;
}

/**
 * Records a failed attempt. With `retryInMs` and attempts left the run goes back to the queue
 * after that delay; otherwise it fails for good. Decided in the same fenced statement, so the
 * attempt count cannot change underneath it.
 */
export async function failRun(
  { raw, dialect }: QueueConnection,
  {
    runId,
    leaseId,
    error,
    retryInMs,
    attemptStatus = "failed",
  }: Lease & { error: RunFailure; retryInMs: number | null; attemptStatus?: AttemptOutcome },
): Promise<"retrying" | "failed" | "lost"> {
  const { now } = dialect;
  const retry = retryInMs === null ? Prisma.sql`1 = 0` : Prisma.sql`attempt < max_attempts`;
  const retryAt = dialect.nowPlusMs(retryInMs ?? 0);
  const status = await inQueueTransaction(raw, async (tx) => {
    const rows = await tx.$queryRaw<{ status: string }[]>(Prisma.sql`
      UPDATE job_runs SET
        status = CASE WHEN ${retry} THEN 'queued' ELSE 'failed' END,
        run_at = CASE WHEN ${retry} THEN ${retryAt} ELSE run_at END,
        finished_at = CASE WHEN ${retry} THEN NULL ELSE ${now} END,
        error_message = ${truncate(error.message, MAX_MESSAGE)}, error_stack = ${error.stack ? truncate(error.stack, MAX_STACK) : null},
        heartbeat_at = NULL, locked_by = NULL, lease_id = NULL, updated_at = ${now}
      WHERE id = ${runId} AND status = 'running' AND lease_id = ${leaseId}
      RETURNING status`);
    if (rows.length === 1) await tx.$executeRaw(closeAttemptSql(dialect, { runId, leaseId, status: attemptStatus, error }));
    return rows[0]?.status;
  });
  return status === "queued" ? "retrying" : status === "failed" ? "failed" : "lost";
}

/**
 * Hands a run back to the queue without counting the attempt (worker shutdown). We MUST release
 * every run we attempted but could not finish, or it stays running until a rescue.
 */
export async function releaseRun(queue: QueueConnection, { runId, leaseId }: Lease): Promise<boolean> {
  const { now } = queue.dialect;
  const changed = await settle(
    queue,
    Prisma.sql`
      UPDATE job_runs SET
        status = 'queued', attempt = CASE WHEN attempt > 0 THEN attempt - 1 ELSE 0 END, run_at = ${now}, started_at = NULL, heartbeat_at = NULL,
        progress = NULL, progress_message = NULL, locked_by = NULL, lease_id = NULL, updated_at = ${now}
      WHERE id = ${runId} AND status = 'running' AND lease_id = ${leaseId}`,
    { runId, leaseId, status: "released" },
  );
  return changed === 1;
}

/** Closes the attempt row of a lease, unless someone (a rescuer, a cancel) already closed it. */
export async function finishAttempt({ db, dialect }: QueueConnection, attempt: AttemptClose): Promise<void> {
  await db.$executeRaw(closeAttemptSql(dialect, attempt));
}
