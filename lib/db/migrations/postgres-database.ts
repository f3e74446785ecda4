import { PrismaPg } from "@prisma/adapter-pg";
import { isDriverAdapterError } from "@prisma/driver-adapter-utils";
import type { PoolConfig } from "pg";
import { migrationPoolConfig } from "./postgres-config";

// The database every PostgreSQL server has, used to create the one the URL names.
const MAINTENANCE_DATABASE = "postgres";

/** Creates the database named in `url` when the server does not have it yet, as `prisma migrate deploy` does. */
export async function ensurePostgresDatabase(url: string, log?: (message: string) => void): Promise<void> {
  const config = migrationPoolConfig(url);
  const database = config.database;
  if (!database || (await databaseExists(config))) return;

  const maintenance = await new PrismaPg({ ...config, database: MAINTENANCE_DATABASE }).connect();
  try {
    await maintenance.executeScript(`CREATE DATABASE ${quoteIdentifier(database)}`);
  } finally {
    await maintenance.dispose();
  }
  log?.(`Created database ${database}`);
}

async function databaseExists(config: PoolConfig): Promise<boolean> {
  const adapter = await new PrismaPg(config).connect();
  try {
    await adapter.queryRaw({ sql: "SELECT 1", args: [], argTypes: [] });
    return true;
  } catch (error) {
    if (!isDriverAdapterError(error)) throw error;
    if (error.cause.kind === "DatabaseDoesNotExist") return false;
    throw new Error(`Cannot connect to PostgreSQL: ${describeCause(error.cause)}`, { cause: error });
  } finally {
    await adapter.dispose();
  }
}

// Adapter errors carry only a kind and its fields (host, port, database, …), never the password.
function describeCause(cause: { kind: string }): string {
  const { kind, ...details } = cause as { kind: string } & Record<string, unknown>;
  const fields = Object.entries(details).map(([key, value]) => `${key} ${String(value)}`);
  return fields.length > 0 ? `${kind} (${fields.join(", ")})` : kind;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
