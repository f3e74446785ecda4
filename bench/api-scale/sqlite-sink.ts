import Database from "better-sqlite3";
import type { RowSink } from "./row-sink";
import type { TableSpec } from "./tables";

/**
 * Prepared single-row inserts in one transaction. As pg_restore does, the secondary indexes are
 * dropped for the load and built again at the end, and foreign keys are not checked row by row:
 * the generator writes parents before children.
 */
export function sqliteSink(url: string): RowSink {
  const db = new Database(url.replace(/^file:/, ""));
  // Durability is not needed while loading: a failed load is thrown away.
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  db.pragma("foreign_keys = OFF");
  db.exec("BEGIN");
  const indexes = db
    .prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    .all();
  for (const index of indexes) db.exec(`DROP INDEX "${index.name}"`);
  const statements = new Map<string, Database.Statement>();
  return {
    async insert<Row>(table: TableSpec<Row>, rows: readonly Row[]) {
      let statement = statements.get(table.name);
      if (!statement) {
        const names = table.columns.map((column) => `"${column.name}"`).join(", ");
        statement = db.prepare(`INSERT INTO "${table.name}" (${names}) VALUES (${table.columns.map(() => "?").join(", ")})`);
        statements.set(table.name, statement);
      }
      for (const row of rows) {
        statement.run(table.columns.map((column) => sqliteValue(column.value(row))));
      }
    },
    async finish() {
      for (const index of indexes) db.exec(index.sql);
      db.exec("COMMIT");
      // As the weekly vacuum-database job leaves them (lib/jobs/handlers/vacuum-database.ts).
      db.exec("ANALYZE");
      db.exec("UPDATE sqlite_stat1 SET stat = stat || ' noskipscan' WHERE stat NOT LIKE '%noskipscan%'");
      db.pragma("wal_checkpoint(TRUNCATE)");
    },
    async close() {
      if (db.inTransaction) db.exec("ROLLBACK");
      db.close();
    },
  };
}

function sqliteValue(value: string | number | boolean | null): string | number | null {
  return typeof value === "boolean" ? (value ? 1 : 0) : value;
}
