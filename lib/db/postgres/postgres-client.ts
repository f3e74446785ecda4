import { PrismaPg } from "@prisma/adapter-pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { readEnv } from "../../config/env";
import { PrismaClient } from "../generated/postgresql/client";
import { preparedStatementName } from "./prepared-statements";
import { createScopedPool } from "./scoped-pool";

/**
 * A Prisma client on PostgreSQL. The session time zone is UTC so that times the database prints
 * and times it parses agree with the application's, and every statement carries the current
 * DatabaseAccess for row-level security (see createScopedPool).
 */
export function createPostgresClient(url: string, { poolSize }: { poolSize?: number } = {}): PrismaClient {
  const config = parseIntoClientConfig(url);
  const pool = createScopedPool({
    ...config,
    // Per process: a web server and each worker process hold their own pool.
    max: poolSize ?? readEnv().DATABASE_POOL_SIZE,
    options: [config.options, "-c TimeZone=UTC"].filter(Boolean).join(" "),
    // A connection cut by the network is noticed by keepalive rather than hanging forever.
    keepAlive: true,
    connectionTimeoutMillis: 10_000,
  });
  // An idle connection that drops (server restart, network cut) emits 'error' on the pool; the
  // pool discards it and the next query opens a new one. Unhandled, the event would end the process.
  pool.on("error", () => undefined);
  // The adapter's type asks for a name for every statement; undefined leaves one unnamed, as node-postgres does by default.
  const statementNameGenerator = preparedStatementName as (query: { sql: string }) => string;
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true, statementNameGenerator }) });
}
