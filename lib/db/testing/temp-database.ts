import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "../client";
import { applyMigrations } from "../migrations";
import { enableWriteAheadLog } from "../sqlite-journal";

export interface TempDatabase {
  url: string;
  db: Db;
  dispose(): Promise<void>;
}

/** A migrated SQLite file in a fresh temp folder; also exported as DATABASE_URL for code under test. */
export async function createTempDatabase({ exportAsEnv = true }: { exportAsEnv?: boolean } = {}): Promise<TempDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), "automation-test-"));
  const url = `file:${path.join(dir, "test.db")}`;
  await applyMigrations({ url });
  enableWriteAheadLog(url);
  if (exportAsEnv) process.env.DATABASE_URL = url;
  const db = createDb(url);
  return {
    url,
    db,
    async dispose() {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
