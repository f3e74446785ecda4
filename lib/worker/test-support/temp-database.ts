import path from "node:path";
import { readEnv } from "../../config/env";
import { createFreshDatabase } from "../../db/testing/fresh-database";
import { RunQueue } from "../claim";

export interface TempDatabase {
  url: string;
  dir: string;
  storageDir: string;
  /** Environment for child processes that must use the same database and storage. */
  env: Record<string, string>;
  remove(): Promise<void>;
}

/**
 * A fresh database with every migration applied, made the process's DATABASE_URL (and a fresh
 * STORAGE_DIR). Call it before anything reads the environment: one database per test file.
 */
export async function createTempDatabase(): Promise<TempDatabase> {
  const { url, dir, remove } = await createFreshDatabase();
  const storageDir = path.join(dir, "storage");
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
    remove,
  };
}
