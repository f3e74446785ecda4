import type Database from "better-sqlite3";
import { afterAll, beforeAll } from "vitest";
import { seedDemoDatabase } from "../../../db/testing/demo-database";
import { copyDatabase, createTemplateDatabase, createWorkDir, type TestDatabase } from "./cli-harness";
import { openDatabase } from "./database-state";

export interface DemoDatabase {
  database: TestDatabase;
  /** A direct connection for assertions, independent of the command under test. */
  db: Database.Database;
}

/**
 * Tests change their database, so each gets a copy of a template that is seeded once per file.
 * Call it at the top level of a test file: it registers that file's beforeAll and afterAll hooks.
 */
export function useDemoTemplate(): { freshDatabase: () => DemoDatabase } {
  const work = createWorkDir();
  let template: string | undefined;

  beforeAll(async () => {
    template = await createTemplateDatabase({ dir: work.dir, seed: seedDemoDatabase });
  });
  afterAll(() => work.remove());

  return {
    freshDatabase() {
      if (template === undefined) throw new Error("The demo template is created in beforeAll; call freshDatabase() from a test");
      const database = copyDatabase({ template, dir: work.dir });
      return { database, db: openDatabase(database.file) };
    },
  };
}
