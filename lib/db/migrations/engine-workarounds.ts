/**
 * Every workaround for a bug in Prisma's WASM schema engine or its driver adapters lives here,
 * each with the upstream behaviour it compensates for, so it can be dropped once fixed.
 */
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { PoolConfig } from "pg";
import { lockfileContent } from "./migrations-folder";
import type { MigrationProvider } from "./provider";

// 1. The diff refuses a migrations folder without migration_lock.toml, so assume the provider's own.
export function withDefaultLockfile(list: MigrationList, provider: MigrationProvider): MigrationList {
  if (list.lockfile.content !== null) return list;
  return { ...list, lockfile: { ...list.lockfile, content: lockfileContent(provider) } };
}

// 2. SQLite shadow replay sends whole scripts through `executeRaw`, which better-sqlite3 rejects ("more than one statement").
export function runParameterlessSqlAsScript(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    // Parameterless SQL from the engine is DDL or a PRAGMA: nothing reads its affected-row count.
    await adapter.executeScript(query.sql);
    return 0;
  };
  return adapter;
}

// 3. @prisma/adapter-pg cannot map the `"char"` type (oid 18) of the engine's catalog queries; its values are plain text.
export function reportCharColumnsAsText(pool: ConnectingPool): void {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = (...args: unknown[]) => {
      const callback = args.at(-1);
      if (typeof callback === "function") {
        args[args.length - 1] = (error: unknown, result: unknown) =>
          callback(error, result === undefined ? result : retypeCharColumns(result));
        return query(...args);
      }
      const pending = query(...args);
      return pending instanceof Promise ? pending.then(retypeCharColumns) : pending;
    };
  });
}

// 4. @prisma/adapter-pg drops its shadow database while that database's pool is open, fails, and leaves it behind.
export async function connectToDisposableShadowDatabase(
  config: PoolConfig,
  prepare: (adapter: PrismaPgAdapter) => SqlDriverAdapter,
): Promise<SqlDriverAdapter> {
  const admin = await new PrismaPg(config).connect();
  const database = `prisma_migrate_shadow_db_${randomUUID()}`;
  try {
    await admin.executeScript(`CREATE DATABASE "${database}"`);
  } catch (error) {
    await admin.dispose();
    throw error;
  }

  const shadow = prepare(await new PrismaPg({ ...config, database }).connect());
  const closeShadowPool = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    try {
      await closeShadowPool();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
    } finally {
      await admin.dispose();
    }
  };
  return shadow;
}

// 5. @prisma/adapter-pg's `executeScript` splits on every ";" (even inside literals) and commits each piece alone.
export function runScriptsInOneQuery(adapter: SqlDriverAdapter): SqlDriverAdapter {
  adapter.executeScript = async (script) => {
    // A parameterless query goes over the simple protocol: one implicit transaction, as the native engine sends it.
    await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
  };
  return adapter;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

interface QueryableClient {
  query: (...args: never[]) => unknown;
}

/** The part of a node-pg Pool that `reportCharColumnsAsText` relies on. */
export interface ConnectingPool {
  on(event: "connect", listener: (client: QueryableClient) => void): unknown;
}

type PrismaPgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function retypeCharColumns(result: unknown): unknown {
  // A multi-statement simple query resolves to one result per statement.
  for (const single of Array.isArray(result) ? result : [result]) {
    const fields = (single as { fields?: Array<{ dataTypeID: number }> } | null)?.fields ?? [];
    for (const field of fields) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

