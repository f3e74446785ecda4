import { diffMigrationsToSchema } from "./diff-migrations-to-schema";
import { withDefaultLockfile } from "./engine-workarounds";
import { readMigrationsList } from "./migrations-folder";
import { defaultPrismaDir, providerPaths } from "./paths";
import type { MigrationProvider } from "./provider";
import { replayDatabaseUrl } from "./replay-database";
import { readSchemaFiles } from "./schema-files";
import { withSchemaEngine } from "./wasm-engine";

export interface CheckMigrationsOptions {
  provider: MigrationProvider;
  /** PostgreSQL only: a server on which the migrations folder can be replayed. */
  url?: string;
  prismaDir?: string;
}

/**
 * True when replaying the migrations folder yields exactly the schema file, i.e. no schema
 * change is waiting for a migration.
 */
export async function checkMigrationsMatchSchema(options: CheckMigrationsOptions): Promise<boolean> {
  const { provider, url, prismaDir = defaultPrismaDir } = options;
  const { schemaPath, migrationsDir } = providerPaths(provider, prismaDir);
  const schemaFiles = readSchemaFiles(schemaPath);
  const migrationsList = withDefaultLockfile(readMigrationsList(migrationsDir), provider);

  const pendingSql = await withSchemaEngine(
    { provider, url: replayDatabaseUrl(provider, url), schemaFiles },
    (engine) => diffMigrationsToSchema(engine, { migrationsList, schemaFiles }),
  );
  return pendingSql === null;
}
