import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import type { Db } from "../../lib/db";
import type { Prisma } from "../../lib/db/sql";
import { RunQueue } from "../../lib/worker/claim";
import { postgresDialect } from "../../lib/worker/claim/postgres-dialect";
import { preparedQuery } from "./prepared-query";

/**
 * The settings every connection of the product's all-businesses pool starts with
 * (lib/db/postgres: postgres-client.ts and the privileged pool of scoped-pool.ts), which is where the
 * queue's access sends its statements: UTC, and row-level security lifted. They ride on the
 * connection's start-up packet, so neither path spends a statement per query on them.
 */
const QUEUE_ACCESS_OPTIONS = ["-c TimeZone=UTC", "-c app.bypass_rls=on"];

/** A pool whose connections carry the queue access's settings, as the product's do. */
export function queueAccessPool(url: string, connections: number): pg.Pool {
  const config = parseIntoClientConfig(url);
  const pool = new pg.Pool({
    ...config,
    max: connections,
    options: [config.options, ...QUEUE_ACCESS_OPTIONS].filter(Boolean).join(" "),
    keepAlive: true,
    connectionTimeoutMillis: 10_000,
  });
  pool.on("error", () => undefined);
  return pool;
}

/**
 * The product's RunQueue with its raw statements sent by node-postgres as named prepared
 * statements instead of through Prisma: the same statement builders, the same SQL text, the same
 * handling of the rows; only the driver differs. PostgreSQL's queue statements never open a
 * transaction (each is one statement), so the client offers none.
 */
export function preparedStatementQueue(pool: pg.Pool): RunQueue {
  const run = (statement: Prisma.Sql) => pool.query(preparedQuery(statement));
  const client = {
    $queryRaw: (statement: Prisma.Sql) => run(statement).then((result) => result.rows),
    $executeRaw: (statement: Prisma.Sql) => run(statement).then((result) => result.rowCount ?? 0),
    $transaction: () => Promise.reject(new Error("The prepared-statement queue runs single statements only")),
  };
  return new RunQueue(client as unknown as Db, postgresDialect);
}
