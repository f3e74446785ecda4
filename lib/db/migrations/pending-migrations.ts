import type { RecordedMigration } from "./migration-history";
import type { MigrationScript } from "./migration-scripts";

/**
 * The folders not yet applied, in name order. Refuses to go on, as `prisma migrate deploy` does,
 * while a failed migration is recorded, and also when an applied migration's file has changed
 * since: the database would no longer be what the folder describes.
 */
export function pendingMigrations(migrations: MigrationScript[], history: RecordedMigration[]): MigrationScript[] {
  const current = history.filter((row) => row.rolled_back_at === null);
  const failed = current.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  if (failed.length > 0) {
    throw new Error(
      `Migration ${failed.join(", ")} failed earlier and is recorded as failed in _prisma_migrations (its logs column says why). ` +
        "Repair the database, then mark it with `prisma migrate resolve --rolled-back <name>` (to run it again) or `--applied <name>`.",
    );
  }

  const appliedChecksums = new Map(
    current.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row.checksum]),
  );
  const edited = migrations.filter((migration) => {
    const checksum = appliedChecksums.get(migration.name);
    return checksum !== undefined && checksum !== migration.checksum;
  });
  if (edited.length > 0) {
    throw new Error(
      `Migration ${edited.map((migration) => migration.name).join(", ")} was modified after it was applied. ` +
        "Restore its migration.sql and put the change in a new migration instead.",
    );
  }
  return migrations.filter((migration) => !appliedChecksums.has(migration.name));
}
