import { diffMigrationsToSchema, type SchemaDiffOptions } from "./diff-migrations-to-schema";
import { migrationFolderName, writeMigrationFolder } from "./migrations-folder";
import { defaultPrismaDir, providerPaths } from "./paths";

export interface CreateMigrationOptions extends SchemaDiffOptions {
  /** Describes the change, e.g. `add_run_priority`; becomes part of the folder name. */
  name: string;
  now?: Date;
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
  const { provider, name, prismaDir = defaultPrismaDir, now = new Date() } = options;
  const folderName = migrationFolderName(name, now);
  // `engine.createMigration` gets no shadow database in the WASM build; the diff yields the same script.
  const sql = await diffMigrationsToSchema(options);
  if (sql === null) return null;

  const { migrationsDir } = providerPaths(provider, prismaDir);
  const written = writeMigrationFolder({ migrationsDir, folderName, sql, provider });
  return { ...written, sql };
}
