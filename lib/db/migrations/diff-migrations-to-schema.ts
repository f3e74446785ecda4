import { withDefaultLockfile } from "./engine-workarounds";
import { readMigrationsList } from "./migrations-folder";
import { defaultPrismaDir, providerPaths } from "./paths";
import type { MigrationProvider } from "./provider";
import { replayDatabaseUrl } from "./replay-database";
import { readSchemaFiles } from "./schema-files";
import { withSchemaEngine } from "./wasm-engine";

/** With `exitCode`, the engine reports 0 when the two sides match and 2 when they differ. */
const EXIT_CODE_SAME = 0;
const EXIT_CODE_CHANGES = 2;

export interface SchemaDiffOptions {
  provider: MigrationProvider;
  /** PostgreSQL only: a server on which the migrations folder can be replayed. */
  url?: string;
  /** Folder holding <provider>/schema.prisma and <provider>/migrations; the repository's by default. */
  prismaDir?: string;
  log?: (message: string) => void;
}

/**
 * The SQL that takes a database built from the migrations folder to the schema file, or null when
 * the folder already produces exactly the schema (`prisma migrate diff --exit-code`).
 */
export async function diffMigrationsToSchema(options: SchemaDiffOptions): Promise<string | null> {
  const { provider, url, prismaDir = defaultPrismaDir, log } = options;
  const { schemaPath, migrationsDir } = providerPaths(provider, prismaDir);
  const schemaFiles = readSchemaFiles(schemaPath);
  const migrationsList = withDefaultLockfile(readMigrationsList(migrationsDir), provider);

  const result = await withSchemaEngine({ provider, url: replayDatabaseUrl(provider, url), schemaFiles, log }, (engine) =>
    engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: schemaFiles },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    }),
  );
  if (result.exitCode === EXIT_CODE_SAME) return null;
  if (result.exitCode === EXIT_CODE_CHANGES) return result.stdout ?? "";
  throw new Error(`Unexpected schema diff exit code ${result.exitCode}`);
}
