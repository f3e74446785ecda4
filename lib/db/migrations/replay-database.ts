import { type MigrationProvider, providerFromUrl } from "./provider";

/**
 * The database the engine connects to while it replays the migrations folder on a shadow
 * database. SQLite replays in memory; PostgreSQL needs a server on which it may create and drop
 * a temporary database.
 */
export function replayDatabaseUrl(provider: MigrationProvider, url: string | undefined): string {
  if (provider === "sqlite") return "file::memory:";
  if (!url || providerFromUrl(url) !== "postgresql") {
    throw new Error(
      "Comparing PostgreSQL migrations needs a server: pass a postgresql:// url of a database on it (DATABASE_URL)",
    );
  }
  return url;
}
