import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "../../lib/db/migrations";
import { enableWriteAheadLog } from "../../lib/db/sqlite-journal";
import { createPostgresTestDatabase } from "../../test-support/postgres-test-databases";

export type ScaleProvider = "sqlite" | "postgresql";

/** Both databases the product runs on, in the reports' order. */
export const SCALE_DATABASES: readonly { provider: ScaleProvider; label: string }[] = [
  { provider: "sqlite", label: "SQLite" },
  { provider: "postgresql", label: "PostgreSQL" },
];

export interface ScaleDatabase {
  provider: ScaleProvider;
  url: string;
  drop(): Promise<void>;
}

/** An empty, migrated database: a temporary SQLite file, or a new database on the PostgreSQL server. */
export async function createScaleDatabase(provider: ScaleProvider, serverUrl: string): Promise<ScaleDatabase> {
  if (provider === "postgresql") {
    const database = await createPostgresTestDatabase(serverUrl, "automation_scale");
    // Right after a bulk load autovacuum can still be analyzing it for a while: wait longer than a test does.
    return { provider, url: database.url, drop: () => database.drop({ patienceMs: 30_000 }) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "automation-scale-"));
  const url = `file:${path.join(dir, "scale.db")}`;
  const drop = async () => rmSync(dir, { recursive: true, force: true });
  try {
    await applyMigrations({ url });
    enableWriteAheadLog(url);
  } catch (error) {
    await drop();
    throw error;
  }
  return { provider, url, drop };
}
