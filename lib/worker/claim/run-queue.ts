import { readEnv } from "../../config/env";
import { getDb, type Db } from "../../db";
import { Prisma } from "../../db/sql";
import { claimRunById, claimRuns, insertClaimedRun, type NewClaimedRun } from "./claim-runs";
import { completeRuns, type Completion } from "./complete-runs";
import type { ClaimedRun } from "./claimed-run";
import type { QueueDialect } from "./dialect";
import { queueDialectFor } from "./dialects";
import { heartbeat, updateProgress } from "./heartbeat";
import { withQueueAccess } from "./queue-access";
import type { QueueConnection } from "./queue-connection";
import type { AttemptOutcome, Lease, LogLine, RunFailure, StaleRun } from "./queue-types";
import { findStaleRuns, rescueRun, type RescueRequest } from "./rescue-runs";
import { appendLogs } from "./run-logs";
import { completeRun, failRun, finishAttempt, releaseRun } from "./settle";
import { readStartFacts, type RunStartFacts } from "./start-facts";

export type { AttemptOutcome, Lease, LogLevel, LogLine, RunFailure, StaleRun } from "./queue-types";

/**
 * Every statement that changes a run's state on behalf of a worker, one file per operation:
 * claim-runs (leases and attempt rows), heartbeat, settle (complete, fail, release), complete-runs (a batch), rescue-runs,
 * run-logs, start-facts.
 */
export class RunQueue {
  private readonly connection: QueueConnection;

  constructor(
    raw: Db = getDb(),
    readonly dialect: QueueDialect = queueDialectFor(readEnv().DATABASE_URL),
  ) {
    this.connection = { raw, db: withQueueAccess(raw), dialect };
  }

  /** Applies the dialect's database settings; a database busy with other writers keeps its mode and we carry on. */
  async prepareDatabase(): Promise<void> {
    for (const statement of this.dialect.prepareDatabase) {
      await this.connection.db.$queryRaw(statement).catch(() => undefined);
    }
  }

  async now(): Promise<Date> {
    const [row] = await this.connection.db.$queryRaw<{ now: unknown }[]>(Prisma.sql`SELECT ${this.dialect.now} AS now`);
    return new Date(this.dialect.toEpochMs(row?.now));
  }

  claim(options: { workerId: string; limit: number }): Promise<ClaimedRun[]> {
    return claimRuns(this.connection, options);
  }

  claimById(options: { runId: string; workerId: string }): Promise<ClaimedRun | null> {
    return claimRunById(this.connection, options);
  }

  insertClaimedRun(input: NewClaimedRun): Promise<ClaimedRun> {
    return insertClaimedRun(this.connection, input);
  }

  readStartFacts(runs: ClaimedRun[]): Promise<Map<string, RunStartFacts>> {
    return readStartFacts(this.connection, runs);
  }

  heartbeat(leases: Lease[]): Promise<Set<string>> {
    return heartbeat(this.connection, leases);
  }

  updateProgress(update: Lease & { fraction: number; message: string | null }): Promise<boolean> {
    return updateProgress(this.connection, update);
  }

  appendLogs(lines: LogLine[]): Promise<void> {
    return appendLogs(this.connection, lines);
  }

  complete(outcome: Lease & { result: string | null; logs?: LogLine[]; logsIfSettled?: LogLine[] }): Promise<boolean> {
    return completeRun(this.connection, outcome);
  }

  /** Completes a batch in one round trip; answers the leases settled here (the rest were lost meanwhile). */
  completeMany(completions: Completion[]): Promise<Set<string>> {
    return completeRuns(this.connection, completions);
  }

  fail(outcome: Lease & { error: RunFailure; retryInMs: number | null; attemptStatus?: AttemptOutcome }): Promise<"retrying" | "failed" | "lost"> {
    return failRun(this.connection, outcome);
  }

  release(lease: Lease): Promise<boolean> {
    return releaseRun(this.connection, lease);
  }

  finishAttempt(attempt: Lease & { status: AttemptOutcome; error?: RunFailure }): Promise<void> {
    return finishAttempt(this.connection, attempt);
  }

  async readStatus(runId: string): Promise<string | null> {
    const [row] = await this.connection.db.$queryRaw<{ status: string }[]>(Prisma.sql`SELECT status FROM job_runs WHERE id = ${runId}`);
    return row?.status ?? null;
  }

  findStaleRuns(options: { staleAfterMs: number; limit: number }): Promise<StaleRun[]> {
    return findStaleRuns(this.connection, options);
  }

  rescue(request: RescueRequest): Promise<"requeued" | "failed" | null> {
    return rescueRun(this.connection, request);
  }
}
