// Usage: tsx scripts/db-create-migration.ts <name> [--provider sqlite|postgresql]
// Writes prisma/<provider>/migrations/<timestamp>_<name>/migration.sql from the schema file.
import { parseArgs } from "node:util";
import { createMigration, isMigrationProvider, MIGRATION_PROVIDERS } from "../lib/db/migrations";

const USAGE = "Usage: tsx scripts/db-create-migration.ts <name> [--provider sqlite|postgresql]";

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { provider: { type: "string", default: "sqlite" } },
  });
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) throw new Error(USAGE);
  const provider = values.provider;
  if (!isMigrationProvider(provider)) {
    throw new Error(`Unknown provider "${provider}": expected ${MIGRATION_PROVIDERS.join(" or ")}`);
  }

  // PostgreSQL replays the existing migrations on a temporary database of this server.
  const created = await createMigration({ provider, name, url: process.env.DATABASE_URL, log: console.log });
  if (!created) {
    console.log(`No schema changes: prisma/${provider}/migrations already matches the schema`);
    return;
  }
  console.log(`Created ${created.path}`);
}

main().catch((error: unknown) => {
  console.error(`Could not create the migration: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
