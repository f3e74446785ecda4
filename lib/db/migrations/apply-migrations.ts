import { randomUUID } from "node:crypto";
import path from "node:path";
import type { MigrationConnection } from "./migration-connection";
import { ensureHistoryTable, isRecorded, readHistory, recordFinished, recordStarted } from "./migration-history";
import { type MigrationScript, readMigrationScripts } from "./migration-scripts";
import { defaultPrismaDir, providerPaths } from "./paths";
import { pendingMigrations } from "./pending-migrations";
import { openPostgresMigrationConnection } from "./postgres-migration-connection";
import { type MigrationProvider, providerFromUrl } from "./provider";
import { openSqliteMigrationConnection } from "./sqlite-migration-connection";

export interface ApplyMigrationsOptions {
  url: string;
  /** Detected from the URL when omitted. */
  provider?: MigrationProvider;
  log?: (message: string) => void;
  /** Folder holding <provider>/migrations; the repository's prisma/ folder by default. */
  prismaDir?: string;
}

/**
 * Applies every migration folder not yet recorded in `_prisma_migrations`, in name order, each in
 * its own transaction, and records it as `prisma migrate deploy` does. Returns the names applied.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<string[]> {
  const { url, log, prismaDir = defaultPrismaDir } = options;
  const provider = options.provider ?? providerFromUrl(url);
  const { migrationsDir } = providerPaths(provider, prismaDir);
  const migrations = readMigrationScripts(migrationsDir);
  log?.(`${migrations.length} migration${migrations.length === 1 ? "" : "s"} found in ${displayPath(migrationsDir)}`);

  const connection =
    provider === "sqlite" ? openSqliteMigrationConnection(url) : await openPostgresMigrationConnection(url, log);
  try {
    await ensureHistoryTable(connection);
    const applied: string[] = [];
    for (const migration of pendingMigrations(migrations, await readHistory(connection))) {
      if (await applyMigration(connection, migration)) applied.push(migration.name);
    }
    return applied;
  } finally {
    await connection.close();
  }
}

/** False when another process applied it first. */
async function applyMigration(connection: MigrationConnection, migration: MigrationScript): Promise<boolean> {
  const id = randomUUID();
  try {
    return await connection.inTransaction(async () => {
      if (await isRecorded(connection, migration.name)) return false;
      await recordStarted(connection, migration, id);
      await connection.runScript(migration.script);
      await recordFinished(connection, id);
      return true;
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // The failure being recorded or not, the caller must learn why the migration failed.
    await recordStarted(connection, migration, id, message).catch(() => undefined);
    throw new Error(`Migration ${migration.name} failed: ${message}`, { cause: error });
  }
}

function displayPath(absolutePath: string): string {
  const relative = path.relative(process.cwd(), absolutePath);
  return relative && !relative.startsWith("..") ? relative : absolutePath;
}
