import type { MigrationConnection } from "./migration-connection";
import type { MigrationScript } from "./migration-scripts";
import type { MigrationProvider } from "./provider";

// The table exactly as Prisma's engine creates it, so `prisma migrate status/deploy/resolve` read it.
const CREATE_HISTORY_TABLE: Record<MigrationProvider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`,
};

// The database clock, stored as Prisma stores dates: unix milliseconds on SQLite (as the
// application's client does too), timestamptz on PostgreSQL (the statement's time, not the transaction's).
const NOW: Record<MigrationProvider, string> = {
  sqlite: "CAST(unixepoch('subsec') * 1000 AS INTEGER)",
  postgresql: "clock_timestamp()",
};

export interface RecordedMigration {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

export async function ensureHistoryTable(connection: MigrationConnection): Promise<void> {
  await connection.runScript(CREATE_HISTORY_TABLE[connection.provider]);
}

export async function readHistory(connection: MigrationConnection): Promise<RecordedMigration[]> {
  return connection.query<RecordedMigration>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
  );
}

export async function isRecorded(connection: MigrationConnection, name: string): Promise<boolean> {
  const rows = await connection.query(
    `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND rolled_back_at IS NULL`,
    [name],
  );
  return rows.length > 0;
}

/**
 * Inserted before the script runs, in its transaction, as `prisma migrate deploy` records a start.
 * With `logs`, after the transaction rolled back: a failure, as Prisma records one (never finished).
 */
export async function recordStarted(
  connection: MigrationConnection,
  migration: MigrationScript,
  id: string,
  logs: string | null = null,
): Promise<void> {
  await connection.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, started_at, migration_name, logs, applied_steps_count)
     VALUES (?, ?, ${NOW[connection.provider]}, ?, ?, 0)`,
    [id, migration.checksum, migration.name, logs],
  );
}

/** After the script: finished, with its one step counted. */
export async function recordFinished(connection: MigrationConnection, id: string): Promise<void> {
  await connection.query(
    `UPDATE "_prisma_migrations" SET finished_at = ${NOW[connection.provider]}, applied_steps_count = 1 WHERE id = ?`,
    [id],
  );
}
