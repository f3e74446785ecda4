import pg from "pg";

// The database every PostgreSQL server has, used to create the one the URL names.
const MAINTENANCE_DATABASE = "postgres";
const INVALID_CATALOG_NAME = "3D000";
// Two concurrent CREATE DATABASE of one name: 42P04, or 23505 when both pass the existence check.
const ALREADY_CREATED = new Set(["42P04", "23505"]);

/** Connects to the configured database, first creating it when the server lacks it, as `prisma migrate deploy` does. */
export async function connectCreatingDatabase(config: pg.ClientConfig, log?: (message: string) => void): Promise<pg.Client> {
  try {
    return await connect(config);
  } catch (error) {
    if (!config.database || errorCode(error) !== INVALID_CATALOG_NAME) throw error;
  }
  const maintenance = await connect({ ...config, database: MAINTENANCE_DATABASE });
  try {
    await maintenance.query(`CREATE DATABASE ${quoteIdentifier(config.database)}`);
    log?.(`Created database ${config.database}`);
  } catch (error) {
    // Another process starting at the same time may have created it first.
    if (!ALREADY_CREATED.has(String(errorCode(error)))) throw error;
  } finally {
    await maintenance.end();
  }
  return connect(config);
}

async function connect(config: pg.ClientConfig): Promise<pg.Client> {
  const client = new pg.Client(config);
  await client.connect();
  return client;
}

function errorCode(error: unknown): unknown {
  return typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
