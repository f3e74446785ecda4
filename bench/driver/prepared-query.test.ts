import { describe, expect, it } from "vitest";
import { Prisma } from "../../lib/db/sql";
import { preparedQuery } from "./prepared-query";

describe("a Prisma.Sql as a named prepared statement", () => {
  it("numbers the placeholders of nested fragments in order, with their values", () => {
    const ids = Prisma.join(["a", "b"]);
    const query = preparedQuery(Prisma.sql`UPDATE t SET at = ${Prisma.sql`now()`}, by = ${"w"} WHERE id IN (${ids}) AND n < ${3}`);
    expect(query.text).toBe("UPDATE t SET at = now(), by = $1 WHERE id IN ($2,$3) AND n < $4");
    expect(query.values).toEqual(["w", "a", "b", 3]);
  });

  it("names a statement by its text, not its values", () => {
    const shape = (id: string) => preparedQuery(Prisma.sql`SELECT * FROM t WHERE id = ${id}`);
    expect(shape("a").name).toBe(shape("b").name);
    expect(preparedQuery(Prisma.sql`SELECT id FROM t WHERE id = ${"a"}`).name).not.toBe(shape("a").name);
  });

  it("keeps the name within PostgreSQL's 63 characters", () => {
    expect(preparedQuery(Prisma.sql`SELECT ${1}`).name.length).toBeLessThanOrEqual(63);
  });
});
