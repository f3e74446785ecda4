import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

/**
 * Page cache of each SQLite connection, in KiB. SQLite's default (2 MiB) holds a sliver of the
 * indexes of a long run history, so every list request re-read the same index pages from the
 * operating system: at a million runs a tag filter took twice as long. The cache fills only
 * with pages actually read, so a small database costs no more than before.
 */
export const SQLITE_CACHE_KIB = 65_536;

/** The driver adapter of the SQLite client: one connection, set up before its first statement. */
export function sqliteAdapter(url: string): PrismaBetterSqlite3 {
  // busy timeout: the web app and workers are separate processes writing the same file.
  const factory = new PrismaBetterSqlite3({ url, timeout: 10_000 }, { timestampFormat: "unixepoch-ms" });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    try {
      // A negative cache_size is in KiB rather than pages.
      await adapter.executeScript(`PRAGMA cache_size = -${SQLITE_CACHE_KIB}`);
    } catch (error) {
      await adapter.dispose();
      throw error;
    }
    return adapter;
  };
  return factory;
}
