import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { describe, expect, it } from "vitest";
import {
  type ConnectingPool,
  reportCharColumnsAsText,
  runParameterlessSqlAsScript,
  runScriptsInOneQuery,
  withDefaultLockfile,
} from "./engine-workarounds";

const TWO_STATEMENTS = 'CREATE TABLE "a" ("id" INTEGER);\nCREATE TABLE "b" ("id" INTEGER);';

function sql(text: string, args: unknown[] = []): SqlQuery {
  return { sql: text, args, argTypes: args.map(() => ({ scalarType: "int" as const, arity: "scalar" as const })) };
}

async function memorySqliteAdapter(): Promise<SqlDriverAdapter> {
  return new PrismaBetterSqlite3({ url: ":memory:" }).connect();
}

describe("pitfall 1: migrations folder without migration_lock.toml", () => {
  const list: MigrationList = {
    baseDir: "/nowhere",
    lockfile: { path: "migration_lock.toml", content: null },
    shadowDbInitScript: "",
    migrationDirectories: [],
  };

  it("assumes the provider's lockfile", () => {
    expect(withDefaultLockfile(list, "postgresql").lockfile.content).toContain('provider = "postgresql"');
  });

  it("keeps an existing lockfile as it is", () => {
    const withLockfile = { ...list, lockfile: { ...list.lockfile, content: 'provider = "sqlite"' } };
    expect(withDefaultLockfile(withLockfile, "postgresql")).toBe(withLockfile);
  });
});

describe("pitfall 2: multi-statement SQL through executeRaw on better-sqlite3", () => {
  // When this starts passing through, upstream accepts scripts and the workaround can go.
  it("is still rejected by the adapter itself", async () => {
    const adapter = await memorySqliteAdapter();
    try {
      await expect(adapter.executeRaw(sql(TWO_STATEMENTS))).rejects.toThrow(/more than one statement/);
    } finally {
      await adapter.dispose();
    }
  });

  it("runs every statement once parameterless SQL goes through executeScript", async () => {
    const adapter = runParameterlessSqlAsScript(await memorySqliteAdapter());
    try {
      await adapter.executeRaw(sql(TWO_STATEMENTS));
      const tables = await adapter.queryRaw(sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
      expect(tables.rows).toEqual([["a"], ["b"]]);
    } finally {
      await adapter.dispose();
    }
  });

  it("still counts affected rows for parameterised SQL", async () => {
    const adapter = runParameterlessSqlAsScript(await memorySqliteAdapter());
    try {
      await adapter.executeRaw(sql('CREATE TABLE "n" ("v" INTEGER); INSERT INTO "n" VALUES (1), (2), (3);'));
      expect(await adapter.executeRaw(sql('DELETE FROM "n" WHERE "v" >= ?', [2]))).toBe(2);
    } finally {
      await adapter.dispose();
    }
  });
});

describe("pitfall 3: PostgreSQL \"char\" columns", () => {
  type Result = { fields: Array<{ dataTypeID: number }> };
  const CHAR = 18;
  const TEXT = 25;
  const INT4 = 23;

  function poolWithClient(respond: () => Result | Result[]) {
    let onConnect: ((client: { query: (...args: never[]) => unknown }) => void) | undefined;
    const pool: ConnectingPool = { on: (_event, listener) => (onConnect = listener) };
    reportCharColumnsAsText(pool);
    const client = {
      query: (...args: unknown[]): unknown => {
        const callback = args.at(-1);
        if (typeof callback === "function") return void callback(undefined, respond());
        return Promise.resolve(respond());
      },
    };
    onConnect!(client);
    return client;
  }

  it("reports them as text to promise callers", async () => {
    const client = poolWithClient(() => ({ fields: [{ dataTypeID: CHAR }, { dataTypeID: INT4 }] }));
    const result = (await client.query("SELECT relkind, relnatts FROM pg_class")) as Result;
    expect(result.fields.map((field) => field.dataTypeID)).toEqual([TEXT, INT4]);
  });

  it("reports them as text to callback callers, for every statement of a script", async () => {
    const client = poolWithClient(() => [{ fields: [{ dataTypeID: CHAR }] }, { fields: [{ dataTypeID: CHAR }] }]);
    const results = await new Promise<Result[]>((resolve) =>
      client.query("SELECT 'a'::\"char\"; SELECT 'b'::\"char\"", undefined, (_error: unknown, result: Result[]) =>
        resolve(result),
      ),
    );
    expect(results.flatMap((result) => result.fields.map((field) => field.dataTypeID))).toEqual([TEXT, TEXT]);
  });
});

describe("pitfall 5: PostgreSQL scripts split on every semicolon", () => {
  it("sends the whole script as one parameterless query", async () => {
    const sent: SqlQuery[] = [];
    const adapter = runScriptsInOneQuery({
      executeRaw: async (query: SqlQuery) => {
        sent.push(query);
        return 0;
      },
    } as unknown as SqlDriverAdapter);
    const script = "COMMENT ON TABLE \"users\" IS 'people; who sign in';\nSELECT 1;";

    await adapter.executeScript(script);

    expect(sent).toEqual([{ sql: script, args: [], argTypes: [] }]);
  });
});
