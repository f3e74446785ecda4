import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseProvider } from "../../../test-support/test-database-provider";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { inAccess, withoutDatabaseAccess, type DatabaseAccess } from "../database-access";
import { createScopedPool } from "./scoped-pool";

/**
 * One connection per pool, so that every access below is served by the same connection one after
 * another: the settings it carries from the previous access must never show through.
 */
describe.runIf(testDatabaseProvider() === "postgresql")("the settings a pooled connection carries from one access to the next", () => {
  const database = useTempDatabase().database;
  let pool: pg.Pool;
  const sent: string[] = [];
  const clientQuery = pg.Client.prototype.query;

  beforeAll(() => {
    pool = createScopedPool({ connectionString: database.url, max: 1, connectionTimeoutMillis: 5_000 });
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const [config] = args;
      sent.push(typeof config === "string" ? config : ((config as { text?: string }).text ?? ""));
      return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof clientQuery;
  });
  afterAll(async () => {
    pg.Client.prototype.query = clientQuery;
    await pool.end();
  });

  const A: DatabaseAccess = { kind: "business", businessId: "business-a" };
  const B: DatabaseAccess = { kind: "business", businessId: "business-b" };
  const settings = async () =>
    (
      await pool.query({
        text: `SELECT coalesce(current_setting('app.business_id', true), '') AS business, coalesce(current_setting('app.user_id', true), '') AS "user",
          coalesce(current_setting('app.bypass_rls', true), '') AS bypass`,
      })
    ).rows[0] as { business: string; user: string; bypass: string };

  it("are those of the access being served, whatever the connection served before", async () => {
    expect(await inAccess(A, settings)).toMatchObject({ business: "business-a", bypass: "off" });
    expect(await inAccess(B, settings)).toMatchObject({ business: "business-b", bypass: "off" });
    expect(await inAccess({ kind: "user", userId: "user-1" }, settings)).toEqual({ business: "", user: "user-1", bypass: "off" });
    expect(await inAccess({ kind: "all", reason: "test" }, settings)).toMatchObject({ business: "", bypass: "on" });
    expect(await withoutDatabaseAccess(settings)).toEqual({ business: "", user: "", bypass: "" });
    expect(await inAccess(A, settings)).toMatchObject({ business: "business-a" });
    expect(await withoutDatabaseAccess(settings)).toEqual({ business: "", user: "", bypass: "" });
  });

  it("survive a failed statement and a rolled back transaction unchanged", async () => {
    await expect(inAccess(A, () => pool.query({ text: "SELECT no_such_column FROM no_such_table" }))).rejects.toThrow();
    expect(await inAccess(B, settings)).toMatchObject({ business: "business-b" });
    await inAccess(A, async () => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query({ text: "SELECT 1" });
        await client.query("ROLLBACK");
      } finally {
        client.release();
      }
    });
    expect(await inAccess(A, settings)).toMatchObject({ business: "business-a" });
    expect(await inAccess(B, settings)).toMatchObject({ business: "business-b" });
  });

  it("leave no connection checked out when an access is refused", async () => {
    const refused: DatabaseAccess = { kind: "business", businessId: "x'; SELECT 1; --" };
    for (let attempt = 0; attempt < 3; attempt++) await expect(inAccess(refused, settings)).rejects.toThrow(/may only contain/);
    // The pool has one connection: a leaked one would keep this waiting for ever.
    expect(await inAccess(A, settings)).toMatchObject({ business: "business-a" });
  });

  it("are sent only when the access changes: a statement for the access the connection already serves is one round trip", async () => {
    await inAccess(A, settings);
    sent.length = 0;
    await inAccess(A, settings);
    await inAccess(A, settings);
    expect(sent.filter((text) => !text.includes("current_setting"))).toEqual([]);
    sent.length = 0;
    await inAccess(B, settings);
    expect(sent.filter((text) => text.includes("set_config"))).toHaveLength(1);
  });
});
