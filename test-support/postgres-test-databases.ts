import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { applyMigrations } from "../lib/db/migrations";
import { providerPaths } from "../lib/db/migrations/paths";

/**
 * Fresh PostgreSQL databases for tests, one per test file or server, copied from a template that
 * has every migration applied. The template's name is a hash of the migrations, so every process
 * of a test run shares one and a changed migration gets a new one. Copying a template takes a
 * fraction of a second; migrating from scratch several seconds.
 */
export async function createPostgresTestDatabase(serverUrl: string, prefix = "automation_test"): Promise<PostgresTestDatabase> {
  return createPostgresDatabaseFromTemplate(serverUrl, { template: await ensureTemplate(serverUrl), prefix });
}

export interface PostgresTestDatabase {
  name: string;
  url: string;
  drop(options?: DropOptions): Promise<void>;
}

export interface DropOptions {
  /** How long an autovacuum on the database is waited out (see dropPostgresDatabase); 10 s by default. */
  patienceMs?: number;
}

/**
 * A new database holding a copy of `template`'s schema and rows. PostgreSQL copies only a template
 * nobody is connected to, so a client that just disconnected from it is waited for.
 */
export async function createPostgresDatabaseFromTemplate(
  serverUrl: string,
  { template, prefix = "automation_test" }: { template: string; prefix?: string },
): Promise<PostgresTestDatabase> {
  const name = `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await withMaintenanceClient(serverUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quote(name)} TEMPLATE ${quote(template)}`);
        return;
      } catch (error) {
        // 55006: another session is still connected to the template (its creation or seeding finishing).
        if ((error as { code?: string }).code !== "55006" || attempt >= 300) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });
  return {
    name,
    url: databaseUrl(serverUrl, name),
    drop: (options) => dropPostgresDatabase(serverUrl, name, options),
  };
}

// A busy test database may be under autovacuum when it is dropped: that process belongs to the
// server, so the test role may not end it ("must be a member of the role…"), and it ends by itself.
const DROP_RETRY_MS = 250;
const INSUFFICIENT_PRIVILEGE = "42501";

export async function dropPostgresDatabase(serverUrl: string, name: string, { patienceMs = 10_000 }: DropOptions = {}): Promise<void> {
  const attempts = Math.max(1, Math.ceil(patienceMs / DROP_RETRY_MS));
  for (let attempt = 1; ; attempt++) {
    try {
      await withMaintenanceClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`));
      return;
    } catch (error) {
      if (attempt >= attempts || (error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
      await new Promise((resolve) => setTimeout(resolve, DROP_RETRY_MS));
    }
  }
}

async function ensureTemplate(serverUrl: string): Promise<string> {
  const template = `automation_template_${migrationsHash()}`;
  await withMaintenanceClient(serverUrl, async (client) => {
    // Several test processes start at once: one creates the template, the others wait for it.
    await client.query("SELECT pg_advisory_lock(hashtext('automation test template'))");
    try {
      const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [template]);
      if (exists.rowCount) return;
      const building = `${template}_building`;
      await client.query(`DROP DATABASE IF EXISTS ${quote(building)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${quote(building)}`);
      await applyMigrations({ url: databaseUrl(serverUrl, building) });
      await client.query(`ALTER DATABASE ${quote(building)} RENAME TO ${quote(template)}`);
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext('automation test template'))");
    }
  });
  return template;
}

function migrationsHash(): string {
  const { migrationsDir } = providerPaths("postgresql");
  const hash = createHash("sha256");
  for (const folder of readdirSync(migrationsDir).sort()) {
    const file = path.join(migrationsDir, folder, "migration.sql");
    try {
      hash.update(folder).update(readFileSync(file));
    } catch {
      // migration_lock.toml and stray files carry no schema.
    }
  }
  return hash.digest("hex").slice(0, 12);
}

async function withMaintenanceClient<T>(serverUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...parseIntoClientConfig(serverUrl), database: "postgres" });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}
