import { randomUUID } from "node:crypto";
import { readEnv } from "../../config/env";
import { getDb, type Db } from "../../db";
import { inAccess, type DatabaseAccess } from "../../db/database-access";
import { Prisma } from "../../db/sql";
import { RUN_COLUMNS, toClaimedRun, type ClaimedRun, type RunRow } from "./claimed-run";
import type { QueueDialect } from "./dialect";
import { queueDialectFor } from "./dialects";

export type LogLevel = "info" | "warn" | "error";
export type AttemptOutcome = "succeeded" | "failed" | "cancelled" | "timed_out" | "released" | "rescued";

export interface LogLine {
  runId: string;
  businessId: string | null;
  attempt: number;
  level: LogLevel;
  message: string;
}

export interface Lease {
  runId: string;
  leaseId: string;
}

export interface RunFailure {
  message: string;
  stack: string | null;
}

export interface StaleRun {
  runId: string;
  /** Null for runs marked running without a lease (imported or legacy rows). */
  leaseId: string | null;
  businessId: string | null;
  attempt: number;
}

const MAX_MESSAGE = 2_000;
const MAX_STACK = 8_000;

// The queue works on every business's runs: the one place below the services that needs it.
const QUEUE_ACCESS: DatabaseAccess = Object.freeze({ kind: "all", reason: "run queue: claim, heartbeat, settle, rescue" });

/**
 * Every statement that changes a run's state on behalf of a worker. Whatever settles a run is
 * fenced on `status = 'running' AND lease_id = <lease>`: once a run was cancelled, rescued or
 * re-claimed, the old lease matches nothing and a late worker cannot overwrite the newer state.
 */
export class RunQueue {
  private readonly db: QueueDb;

  constructor(
    private readonly raw: Db = getDb(),
    readonly dialect: QueueDialect = queueDialectFor(readEnv().DATABASE_URL),
  ) {
    this.db = withQueueAccess(raw);
  }

  /**
   * Changes the run, and only when that took closes its attempt row, in one transaction: a worker
   * killed in between must not leave a settled run whose attempt still says running.
   */
  private settle(
    runChange: Prisma.Sql,
    attempt: Lease & { status: AttemptOutcome; error?: RunFailure },
    { logs = [], logsIfSettled = [] }: { logs?: LogLine[]; logsIfSettled?: LogLine[] } = {},
  ): Promise<number> {
    if (this.dialect.name === "postgresql") return this.settleInOneStatement(runChange, attempt, { logs, logsIfSettled });
    return inAccess(QUEUE_ACCESS, () =>
      this.raw.$transaction(async (tx) => {
        const changed = await tx.$executeRaw(runChange);
        if (changed === 1) await tx.$executeRaw(this.closeAttemptSql(attempt));
        // The handler's last lines and the closing line travel with the settle: one round trip fewer per run.
        const lines = changed === 1 ? [...logs, ...logsIfSettled] : logs;
        if (lines.length > 0) await tx.$executeRaw(this.insertLogsSql(lines));
        return changed;
      }),
    );
  }

  /**
   * PostgreSQL runs data-modifying CTEs in one statement and one snapshot: the same all-or-nothing
   * settle as the transaction, in one round trip instead of five.
   */
  private async settleInOneStatement(
    runChange: Prisma.Sql,
    attempt: Lease & { status: AttemptOutcome; error?: RunFailure },
    { logs, logsIfSettled }: { logs: LogLine[]; logsIfSettled: LogLine[] },
  ): Promise<number> {
    const logRows = (name: string, lines: LogLine[], onlyIf?: Prisma.Sql) =>
      lines.length === 0 ? Prisma.empty : Prisma.sql`, ${Prisma.raw(name)} AS (${this.insertLogsSql(lines, onlyIf)})`;
    const rows = await this.db.$queryRaw<{ n: bigint | number | string }[]>(Prisma.sql`
      WITH changed AS (${runChange} RETURNING id),
      closed AS (
        ${this.closeAttemptSql(attempt)} AND EXISTS (SELECT 1 FROM changed)
      )
      ${logRows("logs", logs)}
      ${logRows("settled_logs", logsIfSettled, Prisma.sql`EXISTS (SELECT 1 FROM changed)`)}
      SELECT COUNT(*) AS n FROM changed`);
    return Number(rows[0]?.n ?? 0);
  }

  private closeAttemptSql({ runId, leaseId, status, error }: Lease & { status: AttemptOutcome; error?: RunFailure }): Prisma.Sql {
    return Prisma.sql`
      UPDATE job_run_attempts SET
        status = ${status}, finished_at = ${this.dialect.now},
        error_message = ${error ? truncate(error.message, MAX_MESSAGE) : null},
        error_stack = ${error?.stack ? truncate(error.stack, MAX_STACK) : null}
      WHERE run_id = ${runId} AND lease_id = ${leaseId} AND status = 'running'`;
  }

  /** Applies the dialect's database settings; a database busy with other writers keeps its mode and we carry on. */
  async prepareDatabase(): Promise<void> {
    for (const statement of this.dialect.prepareDatabase) {
      await this.db.$queryRaw(statement).catch(() => undefined);
    }
  }

  async now(): Promise<Date> {
    const [row] = await this.db.$queryRaw<{ now: unknown }[]>(Prisma.sql`SELECT ${this.dialect.now} AS now`);
    return new Date(this.dialect.toEpochMs(row?.now));
  }

  async claim({ workerId, limit }: { workerId: string; limit: number }): Promise<ClaimedRun[]> {
    if (limit < 1) return [];
    const rows = await this.db.$queryRaw<RunRow[]>(this.dialect.claimRuns({ workerId, limit }));
    const runs = rows.map(toClaimedRun);
    await this.recordAttemptsStarted(runs);
    return runs;
  }

  /** Claims one specific queued run whose time has come (the command line continuing its own run). */
  async claimById({ runId, workerId }: { runId: string; workerId: string }): Promise<ClaimedRun | null> {
    const { now } = this.dialect;
    const rows = await this.db.$queryRaw<RunRow[]>(Prisma.sql`
      UPDATE job_runs SET
        status = 'running', attempt = attempt + 1, locked_by = ${workerId}, lease_id = ${this.dialect.newLeaseId},
        started_at = ${now}, heartbeat_at = ${now}, finished_at = NULL, progress = NULL, progress_message = NULL,
        claim_seq = (SELECT COALESCE(MAX(claim_seq), 0) + 1 FROM job_runs), updated_at = ${now}
      WHERE id = ${runId} AND status = 'queued' AND run_at <= ${now}
      RETURNING ${RUN_COLUMNS}`);
    const runs = rows.map(toClaimedRun);
    await this.recordAttemptsStarted(runs);
    return runs[0] ?? null;
  }

  /** Creates a run that is already claimed by `workerId`, so no other worker can take it first. */
  async insertClaimedRun(input: {
    businessId: string | null;
    scope: "tenant" | "system";
    jobType: string;
    params: unknown;
    maxAttempts: number;
    workerId: string;
    triggerSource: string;
    triggeredByUserId: string | null;
  }): Promise<ClaimedRun> {
    const { now } = this.dialect;
    const rows = await this.db.$queryRaw<RunRow[]>(Prisma.sql`
      INSERT INTO job_runs (
        id, business_id, scope, job_type, status, params, attempt, max_attempts, priority, run_at,
        started_at, heartbeat_at, locked_by, lease_id, tags, triggered_by_user_id, trigger_source,
        claim_seq, created_at, updated_at
      ) VALUES (
        ${randomUUID()}, ${input.businessId}, ${input.scope}, ${input.jobType}, 'running',
        ${JSON.stringify(input.params)}, 1, ${input.maxAttempts}, 0, ${now},
        ${now}, ${now}, ${input.workerId}, ${this.dialect.newLeaseId}, '', ${input.triggeredByUserId}, ${input.triggerSource},
        (SELECT COALESCE(MAX(claim_seq), 0) + 1 FROM job_runs), ${now}, ${now}
      )
      RETURNING ${RUN_COLUMNS}`);
    const runs = rows.map(toClaimedRun);
    await this.recordAttemptsStarted(runs);
    const [run] = runs;
    if (!run) throw new Error("The run could not be created");
    return run;
  }

  /** Refreshes the heartbeat of every lease still held and returns those; the rest were lost. */
  async heartbeat(leases: Lease[]): Promise<Set<string>> {
    if (leases.length === 0) return new Set();
    const rows = await this.db.$queryRaw<{ lease_id: string }[]>(Prisma.sql`
      UPDATE job_runs SET heartbeat_at = ${this.dialect.now}
      WHERE status = 'running' AND lease_id IN (${Prisma.join(leases.map((lease) => lease.leaseId))})
      RETURNING lease_id`);
    return new Set(rows.map((row) => row.lease_id));
  }

  /** False when the lease is gone (cancelled, rescued): the handler should stop. */
  async updateProgress({ runId, leaseId, fraction, message }: Lease & { fraction: number; message: string | null }): Promise<boolean> {
    const changed = await this.db.$executeRaw(Prisma.sql`
      UPDATE job_runs SET progress = ${fraction}, progress_message = ${message}, heartbeat_at = ${this.dialect.now}
      WHERE id = ${runId} AND status = 'running' AND lease_id = ${leaseId}`);
    return changed === 1;
  }

  async appendLogs(lines: LogLine[]): Promise<void> {
    if (lines.length === 0) return;
    await this.db.$executeRaw(this.insertLogsSql(lines));
  }

  /** The log lines' INSERT, written only when `onlyIf` holds; the attempt is cast because a VALUES list has no column types to infer it from. */
  private insertLogsSql(lines: LogLine[], onlyIf?: Prisma.Sql): Prisma.Sql {
    const values = lines.map(
      (line) =>
        Prisma.sql`(${line.runId}, ${line.businessId}, CAST(${line.attempt} AS INTEGER), ${line.level}, ${truncate(line.message, MAX_MESSAGE)}, ${this.dialect.now})`,
    );
    return Prisma.sql`
      INSERT INTO job_run_logs (run_id, business_id, attempt, level, message, created_at)
      SELECT * FROM (VALUES ${Prisma.join(values)}) AS v
      ${onlyIf ? Prisma.sql`WHERE ${onlyIf}` : Prisma.empty}`;
  }

  /**
   * Marks the run succeeded and closes its attempt; false when the lease was lost meanwhile.
   * `logs` are written either way; `logsIfSettled` only when the run was settled here.
   */
  async complete({
    runId,
    leaseId,
    result,
    logs,
    logsIfSettled,
  }: Lease & { result: string | null; logs?: LogLine[]; logsIfSettled?: LogLine[] }): Promise<boolean> {
    const { now } = this.dialect;
    const changed = await this.settle(
      Prisma.sql`
        UPDATE job_runs SET
          status = 'succeeded', result = ${result}, progress = 1, error_message = NULL, error_stack = NULL,
          finished_at = ${now}, heartbeat_at = ${now}, locked_by = NULL, lease_id = NULL, updated_at = ${now}
        WHERE id = ${runId} AND status = 'running' AND lease_id = ${leaseId}`,
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
  async fail({
    runId,
    leaseId,
    error,
    retryInMs,
    attemptStatus = "failed",
  }: Lease & { error: RunFailure; retryInMs: number | null; attemptStatus?: AttemptOutcome }): Promise<"retrying" | "failed" | "lost"> {
    const { now } = this.dialect;
    const retry = retryInMs === null ? Prisma.sql`1 = 0` : Prisma.sql`attempt < max_attempts`;
    const retryAt = this.dialect.nowPlusMs(retryInMs ?? 0);
    const status = await inAccess(QUEUE_ACCESS, () =>
      this.raw.$transaction(async (tx) => {
        const rows = await tx.$queryRaw<{ status: string }[]>(Prisma.sql`
          UPDATE job_runs SET
            status = CASE WHEN ${retry} THEN 'queued' ELSE 'failed' END,
            run_at = CASE WHEN ${retry} THEN ${retryAt} ELSE run_at END,
            finished_at = CASE WHEN ${retry} THEN NULL ELSE ${now} END,
            error_message = ${truncate(error.message, MAX_MESSAGE)}, error_stack = ${error.stack ? truncate(error.stack, MAX_STACK) : null},
            heartbeat_at = NULL, locked_by = NULL, lease_id = NULL, updated_at = ${now}
          WHERE id = ${runId} AND status = 'running' AND lease_id = ${leaseId}
          RETURNING status`);
        if (rows.length === 1) await tx.$executeRaw(this.closeAttemptSql({ runId, leaseId, status: attemptStatus, error }));
        return rows[0]?.status;
      }),
    );
    return status === "queued" ? "retrying" : status === "failed" ? "failed" : "lost";
  }

  /**
   * Hands a run back to the queue without counting the attempt (worker shutdown). We MUST release
   * every run we attempted but could not finish, or it stays running until a rescue.
   */
  async release({ runId, leaseId }: Lease): Promise<boolean> {
    const { now } = this.dialect;
    const changed = await this.settle(
      Prisma.sql`
        UPDATE job_runs SET
          status = 'queued', attempt = CASE WHEN attempt > 0 THEN attempt - 1 ELSE 0 END, run_at = ${now}, started_at = NULL, heartbeat_at = NULL,
          progress = NULL, progress_message = NULL, locked_by = NULL, lease_id = NULL, updated_at = ${now}
        WHERE id = ${runId} AND status = 'running' AND lease_id = ${leaseId}`,
      { runId, leaseId, status: "released" },
    );
    return changed === 1;
  }

  /** Closes the attempt row of a lease, unless someone (a rescuer) already closed it. */
  async finishAttempt(attempt: Lease & { status: AttemptOutcome; error?: RunFailure }): Promise<void> {
    await this.db.$executeRaw(this.closeAttemptSql(attempt));
  }

  async readStatus(runId: string): Promise<string | null> {
    const [row] = await this.db.$queryRaw<{ status: string }[]>(Prisma.sql`SELECT status FROM job_runs WHERE id = ${runId}`);
    return row?.status ?? null;
  }

  /** Running runs whose last sign of life is older than `staleAfterMs`. */
  async findStaleRuns({ staleAfterMs, limit }: { staleAfterMs: number; limit: number }): Promise<StaleRun[]> {
    const rows = await this.db.$queryRaw<{ id: string; lease_id: string | null; business_id: string | null; attempt: number | bigint }[]>(
      Prisma.sql`
        SELECT id, lease_id, business_id, attempt FROM job_runs
        WHERE status = 'running' AND COALESCE(heartbeat_at, started_at, updated_at) < ${this.dialect.nowPlusMs(-staleAfterMs)}
        ORDER BY heartbeat_at
        LIMIT ${limit}`,
    );
    return rows.map((row) => ({ runId: row.id, leaseId: row.lease_id, businessId: row.business_id, attempt: Number(row.attempt) }));
  }

  /**
   * Re-queues (or fails, when its attempts are used up) one stale run. Fenced on the lease seen by
   * the sweep and on the heartbeat still being stale, so with several sweepers exactly one wins,
   * and a worker that heartbeated in the meantime keeps its run.
   */
  async rescue({
    runId,
    leaseId,
    staleAfterMs,
    message,
  }: {
    runId: string;
    leaseId: string | null;
    staleAfterMs: number;
    message: string;
  }): Promise<"requeued" | "failed" | null> {
    const { now } = this.dialect;
    const leaseFence = leaseId ? Prisma.sql`lease_id = ${leaseId}` : Prisma.sql`lease_id IS NULL`;
    const rows = await this.db.$queryRaw<{ status: string }[]>(Prisma.sql`
      UPDATE job_runs SET
        status = CASE WHEN attempt < max_attempts THEN 'queued' ELSE 'failed' END,
        run_at = ${now},
        finished_at = CASE WHEN attempt < max_attempts THEN NULL ELSE ${now} END,
        error_message = ${message}, error_stack = NULL,
        heartbeat_at = NULL, locked_by = NULL, lease_id = NULL, updated_at = ${now}
      WHERE id = ${runId} AND status = 'running' AND ${leaseFence}
        AND COALESCE(heartbeat_at, started_at, updated_at) < ${this.dialect.nowPlusMs(-staleAfterMs)}
      RETURNING status`);
    const status = rows[0]?.status;
    if (!status) return null;
    if (leaseId) await this.finishAttempt({ runId, leaseId, status: "rescued", error: { message, stack: null } });
    return status === "queued" ? "requeued" : "failed";
  }

  private async recordAttemptsStarted(runs: ClaimedRun[]): Promise<void> {
    if (runs.length === 0) return;
    const values = runs.map(
      (run) =>
        Prisma.sql`(${randomUUID()}, ${run.id}, ${run.businessId}, ${run.attempt}, ${run.workerId}, ${run.leaseId}, 'running', ${run.startedAt})`,
    );
    await this.db.$executeRaw(Prisma.sql`
      INSERT INTO job_run_attempts (id, run_id, business_id, attempt, worker_id, lease_id, status, started_at)
      VALUES ${Prisma.join(values)}`);
  }
}

type QueueDb = Pick<Db, "$queryRaw" | "$executeRaw">;

/** The client's raw statements, run inside the queue's access. A new object: the client itself is left untouched. */
function withQueueAccess(db: Db): QueueDb {
  return {
    $queryRaw: ((...args: Parameters<Db["$queryRaw"]>) => inAccess(QUEUE_ACCESS, () => db.$queryRaw(...args))) as Db["$queryRaw"],
    $executeRaw: ((...args: Parameters<Db["$executeRaw"]>) => inAccess(QUEUE_ACCESS, () => db.$executeRaw(...args))) as Db["$executeRaw"],
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
