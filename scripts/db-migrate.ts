// Applies pending migrations to DATABASE_URL (SQLite file or PostgreSQL).
import { applyMigrations } from "../lib/db/migrations";
import { rowLevelSecurityWarning } from "../lib/db/postgres/role-check";
import { enableWriteAheadLog } from "../lib/db/sqlite-journal";

const DEFAULT_DATABASE_URL = "file:./data/automation.db";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const applied = await applyMigrations({ url, log: (message) => console.log(message) });
  enableWriteAheadLog(url);
  if (url.startsWith("postgres")) {
    const warning = await rowLevelSecurityWarning(url);
    if (warning) console.warn(warning);
  }
  if (applied.length === 0) {
    console.log("Database is up to date");
    return;
  }
  console.log(`Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}:`);
  for (const name of applied) console.log(`  ${name}`);
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
