import { databaseProvider, readEnv } from "../config/env";
import { Prisma } from "./sql";

/**
 * The few expressions raw queries write differently per database. SQLite stores times as epoch
 * milliseconds; PostgreSQL as timestamptz.
 */
export interface SqlDialect {
  readonly name: "sqlite" | "postgresql";
  /** The database's current time, the same value throughout one statement. */
  readonly now: Prisma.Sql;
  /** A time column as epoch milliseconds (a number), for durations and buckets. */
  epochMs(column: Prisma.Sql): Prisma.Sql;
  /** A bound time value, comparable with time columns. */
  time(value: Date): Prisma.Sql;
  /**
   * A column to filter or group on without letting the planner pick an index by it. SQLite
   * prefers any index that serves an equality or a GROUP BY order, even one that then costs a
   * table lookup per row of a whole business, over a covering range; its unary plus is the
   * documented way to rule an index out. PostgreSQL weighs its statistics instead.
   */
  withoutIndex(column: Prisma.Sql): Prisma.Sql;
}

const sqlite: SqlDialect = {
  name: "sqlite",
  now: Prisma.sql`CAST(unixepoch('subsec') * 1000 AS INTEGER)`,
  epochMs: (column) => column,
  time: (value) => Prisma.sql`${value.getTime()}`,
  withoutIndex: (column) => Prisma.sql`+${column}`,
};

const postgresql: SqlDialect = {
  name: "postgresql",
  now: Prisma.sql`now()`,
  epochMs: (column) => Prisma.sql`(EXTRACT(EPOCH FROM ${column}) * 1000)::float8`,
  time: (value) => Prisma.sql`${value}::timestamptz`,
  withoutIndex: (column) => column,
};

export function sqlDialectFor(url: string): SqlDialect {
  return databaseProvider(url) === "postgresql" ? postgresql : sqlite;
}

/** The dialect of the process's database (DATABASE_URL), the one getDb() connects to. */
export function sqlDialect(): SqlDialect {
  return sqlDialectFor(readEnv().DATABASE_URL);
}
