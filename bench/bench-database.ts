import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { createPostgresTestDatabase } from "../test-support/postgres-test-databases";

export interface BenchDatabase {
  url: string;
  businessIds: string[];
  drop(): Promise<void>;
}

/** A fresh, migrated PostgreSQL database with `businesses` active businesses and nothing else. */
export async function createBenchDatabase(serverUrl: string, businesses: number): Promise<BenchDatabase> {
  const database = await createPostgresTestDatabase(serverUrl, "automation_bench");
  const client = await connectAsAdmin(database.url);
  try {
    // The businesses table has row-level security too: arranging data lifts it like every other write here.
    const result = await client.bypass(() =>
      client.query<{ id: string }>(
        `INSERT INTO businesses (id, name, slug, status)
         SELECT gen_random_uuid()::text, 'Bench ' || i, 'bench-' || i, 'active' FROM generate_series(1, $1) AS i
         RETURNING id`,
        [businesses],
      ),
    );
    return { url: database.url, businessIds: result.rows.map((row) => row.id), drop: database.drop };
  } finally {
    await client.end();
  }
}

/** Direct connection with row-level security lifted for the transaction, for arranging and reading benchmark data. */
export type BenchAdmin = pg.Client & { bypass<T>(run: () => Promise<T>): Promise<T> };

export async function connectAsAdmin(url: string): Promise<BenchAdmin> {
  const client = new pg.Client(parseIntoClientConfig(url));
  await client.connect();
  await client.query("SET TIME ZONE 'UTC'");
  return Object.assign(client, {
    async bypass<T>(run: () => Promise<T>): Promise<T> {
      await client.query("BEGIN; SELECT set_config('app.bypass_rls', 'on', true)");
      try {
        const result = await run();
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
    },
  });
}
