// Runs against a real local PostgreSQL server when TEST_POSTGRES_URL names one, e.g.
// TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres. The test creates and drops its
// own database there; the URL's database is only used to connect.
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./apply-migrations";
import { checkMigrationsMatchSchema } from "./check-migrations";
import { createMigration } from "./create-migration";
import { migrationPoolConfig } from "./postgres-config";
import { migrationFolderNames } from "./migrations-folder";
import { providerPaths } from "./paths";
import { makeTempDir } from "./test-helpers";

const serverUrl = process.env.TEST_POSTGRES_URL;
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "::1"]);

/** The SQLite schema with its datasource switched to PostgreSQL, as the derived schema will be. */
function postgresSchemaFromSqlite(): string {
  return readFileSync(providerPaths("sqlite").schemaPath, "utf8")
    .replace(/generator client \{[^}]*\}/, "")
    .replace('provider = "sqlite"', 'provider = "postgresql"');
}

async function query(url: string, sql: string, args: unknown[] = []): Promise<unknown[][]> {
  const adapter = await new PrismaPg(migrationPoolConfig(url)).connect();
  try {
    const argTypes = args.map(() => ({ scalarType: "string" as const, arity: "scalar" as const }));
    return (await adapter.queryRaw({ sql, args, argTypes })).rows;
  } finally {
    await adapter.dispose();
  }
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

describe.skipIf(!serverUrl)("migrations on PostgreSQL", () => {
  const database = `automation_migrations_test_${randomUUID().replaceAll("-", "")}`;
  const url = withDatabase(serverUrl ?? "postgresql://localhost", database);
  const shadowDatabases = () =>
    query(serverUrl!, "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
  let temp: ReturnType<typeof makeTempDir>;
  let prismaDir: string;

  beforeAll(() => {
    const host = migrationPoolConfig(serverUrl!).host ?? "localhost";
    // These tests create and drop databases: never let them near a shared server.
    if (!LOCAL_HOSTS.has(host) && !host.startsWith("/")) {
      throw new Error(`TEST_POSTGRES_URL must point at a local server, not ${host}`);
    }
    temp = makeTempDir("postgres-migrations");
    prismaDir = temp.dir;
    const { schemaPath } = providerPaths("postgresql", prismaDir);
    mkdirSync(path.dirname(schemaPath), { recursive: true });
    writeFileSync(schemaPath, postgresSchemaFromSqlite());
  });

  afterAll(async () => {
    temp?.cleanup();
    if (serverUrl) await query(serverUrl, `DROP DATABASE IF EXISTS "${database}"`);
  });

  it("creates the initial migration on a shadow database it removes afterwards", async () => {
    const shadowsBefore = await shadowDatabases();

    const created = await createMigration({ provider: "postgresql", name: "init", url: serverUrl, prismaDir });

    expect(created?.sql).toContain('CREATE TABLE "job_runs"');
    expect(created?.sql).toContain("TIMESTAMP(3)");
    expect(await shadowDatabases()).toEqual(shadowsBefore);
  });

  it("creates the database, applies the folder and records it, then applies nothing", async () => {
    const { migrationsDir } = providerPaths("postgresql", prismaDir);
    const [init] = migrationFolderNames(migrationsDir);

    expect(await applyMigrations({ url, prismaDir })).toEqual([init]);

    const tables = (await query(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).flat();
    expect(tables).toEqual(expect.arrayContaining(["job_runs", "businesses", "_prisma_migrations"]));
    const [[checksum]] = (await query(url, "SELECT checksum FROM _prisma_migrations WHERE migration_name = $1", [
      init,
    ])) as [[string]];
    const file = readFileSync(path.join(migrationsDir, init!, "migration.sql"));
    expect(checksum).toBe(createHash("sha256").update(file).digest("hex"));

    expect(await applyMigrations({ url, prismaDir })).toEqual([]);
  });

  it("finds the folder matching the schema without leaving a shadow database behind", async () => {
    const shadowsBefore = await shadowDatabases();

    expect(await checkMigrationsMatchSchema({ provider: "postgresql", url: serverUrl, prismaDir })).toBe(true);
    expect(await shadowDatabases()).toEqual(shadowsBefore);
  });

  it("runs a script whose string literal contains a semicolon as written", async () => {
    const { migrationsDir } = providerPaths("postgresql", prismaDir);
    const folder = path.join(migrationsDir, "99990101000000_comment");
    mkdirSync(folder);
    writeFileSync(path.join(folder, "migration.sql"), `COMMENT ON TABLE "users" IS 'people; who sign in';\n`);

    expect(await applyMigrations({ url, prismaDir })).toEqual(["99990101000000_comment"]);
    expect(await query(url, "SELECT obj_description('users'::regclass)")).toEqual([["people; who sign in"]]);
  });

  it("rolls back a migration that fails half-way, records it as failed and refuses to go on", async () => {
    const { migrationsDir } = providerPaths("postgresql", prismaDir);
    const broken = "99990102000000_half";
    mkdirSync(path.join(migrationsDir, broken));
    writeFileSync(path.join(migrationsDir, broken, "migration.sql"), 'CREATE TABLE "half" ("id" INTEGER);\nCREATE TABLE oops (;\n');

    await expect(applyMigrations({ url, prismaDir })).rejects.toThrow(broken);

    expect(await query(url, "SELECT to_regclass('half') IS NULL")).toEqual([[true]]);
    expect(
      await query(url, "SELECT finished_at IS NULL, logs LIKE '%syntax error%' FROM _prisma_migrations WHERE migration_name = $1", [
        broken,
      ]),
    ).toEqual([[true, true]]);
    await expect(applyMigrations({ url, prismaDir })).rejects.toThrow(`Migration ${broken} failed earlier`);
  });
});
