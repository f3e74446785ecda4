import Database from "better-sqlite3";

/**
 * Write-ahead logging lets the web app read while a worker writes, from separate processes.
 * The mode is stored in the database file, so setting it once after migrating is enough.
 */
export function enableWriteAheadLog(url: string): void {
  if (!url.startsWith("file:")) return;
  const file = url.replace(/^file:/, "");
  if (file === ":memory:") return;
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}
