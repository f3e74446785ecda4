import { afterAll, describe, expect, it, vi } from "vitest";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { getDb } from "./client";
import { databaseNow } from "./database-clock";
import { Prisma } from "./sql";
import { sqlDialectFor } from "./sql-dialect";

const { database } = useTempDatabase();

afterAll(() => {
  vi.useRealTimers();
});

/** The database's own time in whole seconds, through an expression of its own. */
async function databaseSeconds(): Promise<number> {
  const dialect = sqlDialectFor(database.url);
  const query =
    dialect.name === "sqlite"
      ? Prisma.sql`SELECT CAST(strftime('%s', 'now') AS INTEGER) AS seconds`
      : Prisma.sql`SELECT floor(extract(epoch FROM clock_timestamp()))::float8 AS seconds`;
  const [row] = await getDb().$queryRaw<{ seconds: unknown }[]>(query);
  return Number(row?.seconds);
}

describe("databaseNow", () => {
  it("reads the database's clock in milliseconds, whatever the process's clock says", async () => {
    vi.useFakeTimers({ now: new Date("2001-02-03T04:05:06.000Z"), toFake: ["Date"] });
    const before = await databaseSeconds();
    const now = await databaseNow({ db: getDb(), dialect: sqlDialectFor(database.url) });
    const after = await databaseSeconds();
    expect(now.getTime()).toBeGreaterThanOrEqual(before * 1000);
    expect(now.getTime()).toBeLessThan((after + 1) * 1000);
  });
});
