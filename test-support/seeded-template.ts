import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "../lib/db/migrations";
import { createPostgresDatabaseFromTemplate, createPostgresTestDatabase, type PostgresTestDatabase } from "./postgres-test-databases";
import { testDatabaseProvider, testPostgresServerUrl } from "./test-database-provider";

export interface SeededTemplate {
  /** The URL of a new database of its own, with the template's schema and rows. */
  copy(): Promise<string>;
  /** Removes the template and every copy. */
  remove(): Promise<void>;
}

/**
 * A migrated database of the suite's provider, seeded once, for tests that each change a copy of
 * it. Seeding takes seconds; a copy a fraction of one: a file copy on SQLite, a database created
 * from the template on PostgreSQL.
 */
export async function createSeededTemplate({ seed }: { seed: (url: string) => Promise<void> }): Promise<SeededTemplate> {
  return testDatabaseProvider() === "postgresql" ? createPostgresSeededTemplate(seed) : createSqliteSeededTemplate(seed);
}

async function createSqliteSeededTemplate(seed: (url: string) => Promise<void>): Promise<SeededTemplate> {
  const dir = mkdtempSync(path.join(tmpdir(), "automation-template-"));
  try {
    const template = path.join(dir, "template.db");
    await applyMigrations({ url: `file:${template}` });
    await seed(`file:${template}`);
    let copies = 0;
    return {
      async copy() {
        copies += 1;
        const file = path.join(dir, `copy-${copies}.db`);
        copyFileSync(template, file);
        return `file:${file}`;
      },
      async remove() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function createPostgresSeededTemplate(seed: (url: string) => Promise<void>): Promise<SeededTemplate> {
  const serverUrl = testPostgresServerUrl();
  const template = await createPostgresTestDatabase(serverUrl, "automation_seeded_template");
  try {
    await seed(template.url);
  } catch (error) {
    await template.drop();
    throw error;
  }
  const copies: PostgresTestDatabase[] = [];
  return {
    async copy() {
      const database = await createPostgresDatabaseFromTemplate(serverUrl, { template: template.name });
      copies.push(database);
      return database.url;
    },
    async remove() {
      for (const database of copies.splice(0)) await database.drop();
      await template.drop();
    },
  };
}
