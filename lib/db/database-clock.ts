import { getDb, type Db } from "./client";
import { Prisma } from "./sql";
import { sqlDialect, type SqlDialect } from "./sql-dialect";

/**
 * The database's clock rather than the process's: processes on different hosts (workers,
 * schedulers) that compare or derive times from it agree even when their own clocks drift.
 */
export async function databaseNow({ db = getDb(), dialect = sqlDialect() }: { db?: Db; dialect?: SqlDialect } = {}): Promise<Date> {
  const [row] = await db.$queryRaw<{ now: unknown }[]>(Prisma.sql`SELECT ${dialect.epochMs(dialect.now)} AS now`);
  return new Date(Number(row?.now));
}
