import path from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import { seedDemoDatabase } from "../../lib/db/testing/demo-database";
import { createSeededTemplate, type SeededTemplate } from "../../lib/db/testing/seeded-template";
import { openTestClient, type TestClient } from "../../lib/db/testing/test-client";
import { createWorkDir, testDatabase, type TestDatabase } from "./cli-harness";

export interface DemoDatabase {
  database: TestDatabase;
  /** A connection for assertions, independent of the command under test. */
  db: TestClient;
}

/**
 * Tests change their database, so each gets a copy of a template that is seeded once per file, on
 * the suite's provider. Call it at the top level of a test file: it registers that file's hooks.
 */
export function useDemoTemplate(): { freshDatabase: () => Promise<DemoDatabase> } {
  const work = createWorkDir();
  const connections: TestClient[] = [];
  let template: SeededTemplate | undefined;
  let copies = 0;

  beforeAll(async () => {
    template = await createSeededTemplate({ seed: seedDemoDatabase });
  });
  // Closed after each test so a file's copies do not pile up open connections on the server.
  afterEach(async () => {
    await Promise.all(connections.splice(0).map((db) => db.$disconnect()));
  });
  afterAll(async () => {
    try {
      await template?.remove();
    } finally {
      work.remove();
    }
  });

  return {
    async freshDatabase() {
      if (template === undefined) throw new Error("The demo template is created in beforeAll; call freshDatabase() from a test");
      const url = await template.copy();
      copies += 1;
      const db = openTestClient(url);
      connections.push(db);
      return { database: testDatabase({ url, storageDir: path.join(work.dir, `storage-${copies}`) }), db };
    },
  };
}
