import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "../migrations";
import { enableWriteAheadLog } from "../sqlite-journal";
import { createPostgresTestDatabase } from "./postgres-test-databases";
import { testDatabaseProvider, testPostgresServerUrl } from "./test-database-provider";

export interface FreshDatabase {
  url: string;
  /** A temp folder of its own, for files that go with the database (storage, logs). */
  dir: string;
  remove(): Promise<void>;
}

/** An empty, fully migrated database of the suite's provider (see testDatabaseProvider). */
export async function createFreshDatabase(): Promise<FreshDatabase> {
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
