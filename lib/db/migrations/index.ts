export { applyMigrations, type ApplyMigrationsOptions } from "./apply-migrations";
export { checkMigrationsMatchSchema, type CheckMigrationsOptions } from "./check-migrations";
export { createMigration, type CreateMigrationOptions, type CreatedMigration } from "./create-migration";
export { isMigrationProvider, MIGRATION_PROVIDERS, type MigrationProvider, providerFromUrl } from "./provider";
