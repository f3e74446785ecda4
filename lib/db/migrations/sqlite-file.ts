import { mkdirSync } from "node:fs";
import path from "node:path";

/** The file a `file:` URL names, resolved as @prisma/adapter-better-sqlite3 does: from the working directory. */
export function sqliteFilePath(url: string): string {
  return url.replace(/^file:/, "");
}

/** better-sqlite3 creates the database file but not the folder it lives in. */
export function ensureSqliteParentFolder(url: string): void {
  const filePath = sqliteFilePath(url);
  if (filePath === "" || filePath === ":memory:") return;
  mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
}
