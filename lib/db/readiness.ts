import path from "node:path";
import { databaseProvider, readEnv } from "../config/env";
import { getLogger } from "../logging/logger";
import { getDb, type Db } from "./client";
import { migrationFolderNames } from "./migrations/migrations-folder";

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Whether this process can serve traffic: the database answers and every migration committed under
 * prisma/<provider>/migrations is recorded as applied. A migration that failed or was rolled back
 * does not count. The reason is for the logs only, never for the caller.
 */
export async function checkReadiness({
  db = getDb(),
  url = readEnv().DATABASE_URL,
  prismaDir = path.join(process.cwd(), "prisma"),
}: { db?: Db; url?: string; prismaDir?: string } = {}): Promise<Readiness> {
  const readiness = await readReadiness({ db, url, prismaDir });
  if (!readiness.ready) getLogger().warn({ reason: readiness.reason }, "Not ready");
  return readiness;
}

/**
 * prisma/<provider>/migrations, as lib/db/migrations/paths.ts lays it out, but found from the working
 * directory: the web server runs from a bundle that knows nothing of where its sources were.
 */
export function committedMigrationsDir(url: string, prismaDir: string): string {
  return path.join(prismaDir, databaseProvider(url), "migrations");
}

async function readReadiness({ db, url, prismaDir }: { db: Db; url: string; prismaDir: string }): Promise<Readiness> {
  const migrationsDir = committedMigrationsDir(url, prismaDir);
  let applied: Set<string>;
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = new Set(rows.map((row) => row.migration_name));
  } catch (error) {
    return { ready: false, reason: `database not reachable or not migrated: ${error instanceof Error ? error.message : String(error)}` };
  }
  const committed = migrationFolderNames(migrationsDir);
  // No migrations found means the process looks in the wrong place: never report that as ready.
  if (committed.length === 0) return { ready: false, reason: `no migrations found in ${migrationsDir}` };
  const missing = committed.filter((name) => !applied.has(name));
  if (missing.length > 0) return { ready: false, reason: `migrations not applied: ${missing.join(", ")}` };
  return { ready: true };
}
