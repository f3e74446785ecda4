import { databaseProvider, readEnv } from "../config/env";
import { getLogger } from "../logging/logger";
import { getDb, type Db } from "./client";
import { migrationFolderNames } from "./migrations/migrations-folder";
import { providerPaths } from "./migrations/paths";

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Whether this process can serve traffic: the database answers and every migration committed under
 * prisma/<provider>/migrations is recorded as applied. A migration that failed or was rolled back
 * does not count. The reason is for the logs only, never for the caller.
 */
export async function checkReadiness({
  db = getDb(),
  url = readEnv().DATABASE_URL,
  prismaDir,
}: { db?: Db; url?: string; prismaDir?: string } = {}): Promise<Readiness> {
  const readiness = await readReadiness({ db, url, prismaDir });
  if (!readiness.ready) getLogger().warn({ reason: readiness.reason }, "Not ready");
  return readiness;
}

async function readReadiness({ db, url, prismaDir }: { db: Db; url: string; prismaDir?: string }): Promise<Readiness> {
  const { migrationsDir } = providerPaths(databaseProvider(url), prismaDir);
  let applied: Set<string>;
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = new Set(rows.map((row) => row.migration_name));
  } catch (error) {
    return { ready: false, reason: `database not reachable or not migrated: ${error instanceof Error ? error.message : String(error)}` };
  }
  const missing = migrationFolderNames(migrationsDir).filter((name) => !applied.has(name));
  if (missing.length > 0) return { ready: false, reason: `migrations not applied: ${missing.join(", ")}` };
  return { ready: true };
}
