import type { Prisma } from "../../db/sql";

export interface ClaimStatementOptions {
  workerId: string;
  limit: number;
}

/**
 * The SQL that differs between databases. Everything else in the run queue is portable.
 */
export interface QueueDialect {
  readonly name: "sqlite" | "postgresql";
  /** The database clock. Every worker compares and stamps times with it, never with its own clock. */
  readonly now: Prisma.Sql;
  /** `now` shifted by a number of milliseconds (negative for the past). */
  nowPlusMs(ms: number): Prisma.Sql;
  /** A fresh random token, evaluated once per updated row. */
  readonly newLeaseId: Prisma.Sql;
  /** The next place in the claim order for a statement that leases one run: unique, and later than every place handed out before. */
  readonly nextClaimSeq: Prisma.Sql;
  /** Marks up to `limit` runnable runs as running for this worker and returns them (RUN_COLUMNS). */
  claimRuns(options: ClaimStatementOptions): Prisma.Sql;
  /** Settings a worker applies once at start (SQLite: write-ahead log, so writers do not fsync a journal per commit and readers never block them). */
  readonly prepareDatabase: Prisma.Sql[];
  /** Converts what the driver returns for `now` into epoch milliseconds. */
  toEpochMs(value: unknown): number;
}
