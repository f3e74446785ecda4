import { mkdirSync } from "node:fs";
import path from "node:path";

/** better-sqlite3 creates the database file but not the folder it lives in. */
export function ensureSqliteParentFolder(url: string): void {
  // Resolved the way @prisma/adapter-better-sqlite3 resolves it: relative to the working directory.
  const filePath = url.replace(/^file:/, "");
  if (filePath === "" || filePath === ":memory:") return;
  mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
}
