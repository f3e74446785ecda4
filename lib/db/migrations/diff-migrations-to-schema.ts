import type { MigrationList, SchemaContainer, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

/** With `exitCode`, the engine reports 0 when the two sides match and 2 when they differ. */
const EXIT_CODE_SAME = 0;
const EXIT_CODE_CHANGES = 2;

/**
 * The SQL that takes a database built from the migrations folder to the schema, or null when
 * the folder already produces exactly the schema (`prisma migrate diff --exit-code`).
 */
export async function diffMigrationsToSchema(
  engine: SchemaEngine,
  input: { migrationsList: MigrationList; schemaFiles: SchemaContainer[] },
): Promise<string | null> {
  const result = await engine.diff({
    from: { tag: "migrations", ...input.migrationsList },
    to: { tag: "schemaDatamodel", files: input.schemaFiles },
    script: true,
    exitCode: true,
    filters: { externalTables: [], externalEnums: [] },
  });
  if (result.exitCode === EXIT_CODE_SAME) return null;
  if (result.exitCode === EXIT_CODE_CHANGES) return result.stdout ?? "";
  throw new Error(`Unexpected schema diff exit code ${result.exitCode}`);
}
