import type { Db } from "../../lib/db";
import { inAccess } from "../../lib/db/database-access";
import { createPostgresClient } from "../../lib/db/postgres/postgres-client";
import { Prisma } from "../../lib/db/sql";
import { postgresDialect, RunQueue } from "../../lib/worker/claim";
import { preparedQuery } from "./prepared-query";
import { preparedStatementQueue, queueAccessPool } from "./prepared-statement-queue";

export interface QueueDriver {
  name: string;
  queue: RunQueue;
}

export interface QueueDrivers {
  drivers: QueueDriver[];
  close(): Promise<void>;
}

// What the database applies to a queue statement; both drivers must answer alike or the comparison is off.
const SETTINGS = Prisma.sql`SELECT current_setting('TimeZone') AS time_zone, current_setting('app.bypass_rls', true) AS bypass_rls, current_user AS role`;

/**
 * The worker's run queue twice, each with `connections` connections: as the product builds it
 * (Prisma with the pg adapter over the scoped pool) and with node-postgres prepared statements.
 */
export async function openQueueDrivers(url: string, connections: number): Promise<QueueDrivers> {
  const prisma = createPostgresClient(url, { poolSize: connections });
  const pool = queueAccessPool(url, connections);
  try {
    // The queue's own access: the same kind the run queue grants its statements (queue-access.ts).
    const viaPrisma = await inAccess({ kind: "all", reason: "run queue: claim, heartbeat, settle, rescue" }, () => prisma.$queryRaw<unknown[]>(SETTINGS));
    const viaPg = (await pool.query(preparedQuery(SETTINGS))).rows;
    if (JSON.stringify(viaPrisma) !== JSON.stringify(viaPg)) {
      throw new Error(`The drivers' connections differ: Prisma ${JSON.stringify(viaPrisma)}, node-postgres ${JSON.stringify(viaPg)}`);
    }
  } catch (error) {
    await Promise.all([prisma.$disconnect(), pool.end()]);
    throw error;
  }
  return {
    drivers: [
      { name: "Prisma 7, pg adapter (the product)", queue: new RunQueue(prisma as unknown as Db, postgresDialect) },
      { name: "node-postgres, named prepared statement", queue: preparedStatementQueue(pool) },
    ],
    async close() {
      await Promise.all([prisma.$disconnect(), pool.end()]);
    },
  };
}
