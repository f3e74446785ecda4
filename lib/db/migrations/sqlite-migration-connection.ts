import Database from "better-sqlite3";
import type { MigrationConnection } from "./migration-connection";
import { ensureSqliteParentFolder, sqliteFilePath } from "./sqlite-file";

// Another process (a second `db:migrate`, a starting app) may hold the write lock for a moment.
const BUSY_TIMEOUT_MS = 10_000;

export function openSqliteMigrationConnection(url: string): MigrationConnection {
  ensureSqliteParentFolder(url);
  const db = new Database(sqliteFilePath(url), { timeout: BUSY_TIMEOUT_MS });
  // Prisma's table-rebuilding scripts turn foreign keys off, which SQLite ignores inside a
  // transaction; without this, dropping the old table would cascade-delete rows that refer to it.
  db.pragma("foreign_keys = OFF");
  return {
    provider: "sqlite",
    runScript: async (script) => {
      db.exec(script);
    },
    query: async <Row>(sql: string, params: readonly unknown[] = []) => {
      const statement = db.prepare(sql);
      if (statement.reader) return statement.all(...params) as Row[];
      statement.run(...params);
      return [];
    },
    inTransaction: async (work) => {
      // IMMEDIATE takes the write lock first, so two processes cannot apply the same migration.
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await work();
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    },
    close: async () => {
      db.close();
    },
  };
}
