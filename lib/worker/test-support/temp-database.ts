import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { readEnv } from "../../config/env";
import { applyMigrations } from "../../db/migrations";
import { RunQueue } from "../claim";

export interface TempDatabase {
  url: string;
  dir: string;
  storageDir: string;
  /** Environment for child processes that must use the same database and storage. */
  env: Record<string, string>;
  remove(): void;
}

/**
 * A fresh SQLite file with every migration applied, made the process's DATABASE_URL (and a fresh
 * STORAGE_DIR). Call it before anything reads the environment: one database per test file.
 */
export async function createTempDatabase(): Promise<TempDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "automation-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  const storageDir = path.join(dir, "storage");
  await applyMigrations({ url });
  process.env.DATABASE_URL = url;
  process.env.STORAGE_DIR = storageDir;
  if (readEnv().DATABASE_URL !== url) {
    throw new Error("The environment was read before the test database was set up; create it first in the test file");
  }
  // The mode workers run the database in (see RunQueue.prepareDatabase).
  await new RunQueue().prepareDatabase();
  return {
    url,
    dir,
    storageDir,
    env: { DATABASE_URL: url, STORAGE_DIR: storageDir },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
