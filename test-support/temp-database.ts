import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readEnv } from "../lib/config/env";
import { applyMigrations } from "../lib/db/migrations";
import { enableWriteAheadLog } from "../lib/db/sqlite-journal";
import { RunQueue } from "../lib/worker/claim";
import { createPostgresTestDatabase } from "./postgres-test-databases";
import { testDatabaseProvider, testPostgresServerUrl } from "./test-database-provider";

export interface TempDatabase {
  url: string;
  /** A temp folder of its own, for files that go with the database (storage, logs). */
  dir: string;
  storageDir: string;
  /** Environment for child processes that must use the same database and storage. */
  env: Record<string, string>;
  remove(): Promise<void>;
}

/**
 * A fresh database of the suite's provider (see testDatabaseProvider) with every migration applied,
 * made the process's DATABASE_URL (and a fresh STORAGE_DIR). Call it before anything reads the
 * environment: one database per test file. Test files use it through useTempDatabase.
 */
export async function createTempDatabase(): Promise<TempDatabase> {
  const { url, dir, remove } = await createMigratedDatabase();
  const storageDir = path.join(dir, "storage");
  process.env.DATABASE_URL = url;
  process.env.STORAGE_DIR = storageDir;
  if (readEnv().DATABASE_URL !== url) {
    await remove();
    throw new Error("The environment was read before the test database was set up; create it first in the test file");
  }
  // The mode workers run the database in (see RunQueue.prepareDatabase).
  await new RunQueue().prepareDatabase();
  return { url, dir, storageDir, env: { DATABASE_URL: url, STORAGE_DIR: storageDir }, remove };
}

async function createMigratedDatabase(): Promise<{ url: string; dir: string; remove(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "automation-test-"));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  if (testDatabaseProvider() === "postgresql") {
    const database = await createPostgresTestDatabase(testPostgresServerUrl());
    return {
      url: database.url,
      dir,
      async remove() {
        await database.drop();
        removeDir();
      },
    };
  }
  const url = `file:${path.join(dir, "test.db")}`;
  await applyMigrations({ url });
  enableWriteAheadLog(url);
  return { url, dir, remove: async () => removeDir() };
}
