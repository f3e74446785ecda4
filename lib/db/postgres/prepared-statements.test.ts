import { describe, expect, it } from "vitest";
import { Prisma } from "../sql";
import { prepared, preparedStatementName } from "./prepared-statements";

const textOf = (statement: Prisma.Sql) => ({ sql: statement.text });

describe("prepared statement names", () => {
  it("names a marked statement by its text, the same name for the same text whatever the values", () => {
    const first = preparedStatementName(textOf(prepared(Prisma.sql`SELECT id FROM job_runs WHERE id = ${"a"}`)));
    const again = preparedStatementName(textOf(prepared(Prisma.sql`SELECT id FROM job_runs WHERE id = ${"b"}`)));
    const other = preparedStatementName(textOf(prepared(Prisma.sql`SELECT status FROM job_runs WHERE id = ${"a"}`)));
    expect(first).toMatch(/^automation_[0-9a-f]{32}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it("leaves unmarked statements unnamed", () => {
    expect(preparedStatementName(textOf(Prisma.sql`SELECT id FROM job_runs WHERE id = ${"a"}`))).toBeUndefined();
  });

  it("stops naming new texts past a bound, so a text that varies per call cannot fill the plan caches", () => {
    const names = Array.from({ length: 100 }, (_, index) => preparedStatementName(textOf(prepared(Prisma.raw(`SELECT ${index} AS n`)))));
    const named = names.filter((name) => name !== undefined);
    expect(named.length).toBeGreaterThan(0);
    expect(named.length).toBeLessThanOrEqual(64);
    expect(names.at(-1)).toBeUndefined();
  });
});
