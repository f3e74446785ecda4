import { diffMigrationsToSchema, type SchemaDiffOptions } from "./diff-migrations-to-schema";

export type CheckMigrationsOptions = Omit<SchemaDiffOptions, "log">;

/**
 * True when replaying the migrations folder yields exactly the schema file, i.e. no schema
 * change is waiting for a migration.
 */
export async function checkMigrationsMatchSchema(options: CheckMigrationsOptions): Promise<boolean> {
  return (await diffMigrationsToSchema(options)) === null;
}
