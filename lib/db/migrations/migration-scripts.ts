import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { MIGRATION_FILE, migrationFolderNames } from "./migrations-folder";

export interface MigrationScript {
  /** The folder's name, e.g. `20260102030405_add_index`. */
  name: string;
  script: string;
  /** What Prisma records in `_prisma_migrations.checksum`: the sha256 of the file, in hex. */
  checksum: string;
}

/** Every folder's migration.sql, in name order (names start with a UTC timestamp). */
export function readMigrationScripts(migrationsDir: string): MigrationScript[] {
  return migrationFolderNames(migrationsDir).map((name) => {
    const file = path.join(migrationsDir, name, MIGRATION_FILE);
    if (!existsSync(file)) throw new Error(`Migration ${name} has no ${MIGRATION_FILE} (${file})`);
    const bytes = readFileSync(file);
    return { name, script: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
  });
}
