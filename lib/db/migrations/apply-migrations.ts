import path from "node:path";
import { diagnoseMigrationHistoryIfRecorded } from "./engine-workarounds";
import { ensurePostgresDatabase } from "./postgres-database";
import { readMigrationsList } from "./migrations-folder";
import { defaultPrismaDir, providerPaths } from "./paths";
import { type MigrationProvider, providerFromUrl } from "./provider";
import { ensureSqliteParentFolder } from "./sqlite-file";
import { withSchemaEngine } from "./wasm-engine";

export interface ApplyMigrationsOptions {
  url: string;
  /** Detected from the URL when omitted. */
  provider?: MigrationProvider;
  log?: (message: string) => void;
  /** Folder holding <provider>/migrations; the repository's prisma/ folder by default. */
  prismaDir?: string;
}

/**
 * Applies every migration folder not yet recorded in `_prisma_migrations`, in name order, and
 * records it the way `prisma migrate deploy` does. Returns the names of the folders applied.
 */
export async function applyMigrations(options: ApplyMigrationsOptions): Promise<string[]> {
  const { url, log, prismaDir = defaultPrismaDir } = options;
  const provider = options.provider ?? providerFromUrl(url);
  const { migrationsDir } = providerPaths(provider, prismaDir);
  const migrationsList = readMigrationsList(migrationsDir);
  const folderCount = migrationsList.migrationDirectories.length;
  log?.(`${folderCount} migration${folderCount === 1 ? "" : "s"} found in ${displayPath(migrationsDir)}`);

  if (provider === "sqlite") ensureSqliteParentFolder(url);
  else await ensurePostgresDatabase(url, log);

  return withSchemaEngine({ provider, url, log }, async (engine) => {
    const diagnosis = await diagnoseMigrationHistoryIfRecorded(engine, {
      migrationsList,
      optInToShadowDatabase: false,
      filters: { externalTables: [], externalEnums: [] },
    });
    if (diagnosis && diagnosis.editedMigrationNames.length > 0) {
      log?.(`Warning: modified since they were applied: ${diagnosis.editedMigrationNames.join(", ")}`);
    }

    const { appliedMigrationNames } = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    return appliedMigrationNames;
  });
}

function displayPath(absolutePath: string): string {
  const relative = path.relative(process.cwd(), absolutePath);
  return relative && !relative.startsWith("..") ? relative : absolutePath;
}
