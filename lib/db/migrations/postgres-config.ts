import type { PoolConfig } from "pg";
import { postgresPoolConfig } from "./engine-workarounds";

/**
 * Connection settings for migrating the database a postgres:// URL names. Prisma's `?schema=`
 * parameter is refused: the engine would still create the tables in the default search_path.
 */
export function migrationPoolConfig(url: string): PoolConfig {
  const config: PoolConfig & { schema?: unknown } = postgresPoolConfig(url);
  if (config.schema !== undefined) {
    throw new Error("The ?schema= URL parameter is not supported for migrations; use the database's default schema");
  }
  return config;
}
