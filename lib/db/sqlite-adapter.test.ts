import { describe, expect, it } from "vitest";
import { getDb } from "./client";
import { testDatabaseProvider } from "../../test-support/test-database-provider";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { SQLITE_CACHE_KIB } from "./sqlite-adapter";

useTempDatabase();

describe.runIf(testDatabaseProvider() === "sqlite")("the SQLite connection", () => {
  it("keeps a page cache large enough for a long history's indexes", async () => {
    const [row] = await getDb().$queryRawUnsafe<{ cache_size: bigint | number }[]>("PRAGMA cache_size");
    expect(Number(row?.cache_size)).toBe(-SQLITE_CACHE_KIB);
  });
});
