import { createMigrationScript, withDefaultLockfile } from "./engine-workarounds";
import { migrationFolderName, readMigrationsList, writeMigrationFolder } from "./migrations-folder";
import { defaultPrismaDir, providerPaths } from "./paths";
import type { MigrationProvider } from "./provider";
import { replayDatabaseUrl } from "./replay-database";
import { readSchemaFiles } from "./schema-files";
import { withSchemaEngine } from "./wasm-engine";

export interface CreateMigrationOptions {
  provider: MigrationProvider;
  /** Describes the change, e.g. `add_run_priority`; becomes part of the folder name. */
  name: string;
  /** PostgreSQL only: a server on which the migrations folder can be replayed. */
  url?: string;
  /** Folder holding <provider>/schema.prisma and <provider>/migrations; the repository's by default. */
  prismaDir?: string;
  now?: Date;
  log?: (message: string) => void;
}

export interface CreatedMigration {
  /** The folder name, e.g. `20260102030405_add_run_priority`. */
  name: string;
  /** Path of the written migration.sql. */
  path: string;
  sql: string;
}

/**
 * Writes prisma/<provider>/migrations/<timestamp>_<name>/migration.sql with the SQL that takes
 * the migrations folder to the schema file. Returns null when the folder already matches.
 */
export async function createMigration(options: CreateMigrationOptions): Promise<CreatedMigration | null> {
  const { provider, name, url, prismaDir = defaultPrismaDir, now = new Date(), log } = options;
  const { schemaPath, migrationsDir } = providerPaths(provider, prismaDir);
  const folderName = migrationFolderName(name, now);
  const schemaFiles = readSchemaFiles(schemaPath);
  const migrationsList = withDefaultLockfile(readMigrationsList(migrationsDir), provider);

  const sql = await withSchemaEngine(
    { provider, url: replayDatabaseUrl(provider, url), schemaFiles, log },
    (engine) => createMigrationScript(engine, { migrationsList, schemaFiles }),
  );
  if (sql === null) return null;

  const written = writeMigrationFolder({ migrationsDir, folderName, sql, provider });
  return { ...written, sql };
}
