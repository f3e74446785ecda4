import type { MigrationConnection } from "./migration-connection";
import { migrationPoolConfig } from "./postgres-config";
import { connectCreatingDatabase } from "./postgres-database";

// The advisory lock `prisma migrate deploy` takes: this and Prisma's own engine never migrate at once.
const PRISMA_MIGRATE_LOCK = 72707369;

export async function openPostgresMigrationConnection(
  url: string,
  log?: (message: string) => void,
): Promise<MigrationConnection> {
  const client = await connectCreatingDatabase(migrationPoolConfig(url), log);
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK]);
  } catch (error) {
    await client.end();
    throw error;
  }
  return {
    provider: "postgresql",
    // Without parameters node-pg uses the simple protocol, which runs every statement of the script as sent.
    runScript: async (script) => {
      await client.query(script);
    },
    query: async <Row>(sql: string, params: readonly unknown[] = []) => {
      let index = 0;
      const numbered = sql.replace(/\?/g, () => `$${++index}`);
      return (await client.query(numbered, [...params])).rows as Row[];
    },
    inTransaction: async (work) => {
      await client.query("BEGIN");
      try {
        const result = await work();
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
    // Closing the session releases the advisory lock.
    close: () => client.end(),
  };
}
