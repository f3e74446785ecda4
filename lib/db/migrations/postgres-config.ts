import type { PoolConfig } from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

/**
 * Connection settings for migrating the database a postgres:// URL names. They are discrete
 * fields, not a connection string: node-pg lets a connection string override `database`, and
 * creating a database, or the engine's shadow database, connects elsewhere with `{ ...config, database }`.
 * Prisma's `?schema=` parameter is refused: the tables would still go to the default search_path.
 */
export function migrationPoolConfig(url: string): PoolConfig {
  const config: PoolConfig & { schema?: unknown } = parseIntoClientConfig(url);
  if (config.schema !== undefined) {
    throw new Error("The ?schema= URL parameter is not supported for migrations; use the database's default schema");
  }
  return config;
}
