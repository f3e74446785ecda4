import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations } from "./apply-migrations";
import { migrationFolderNames } from "./migrations-folder";
import { providerPaths } from "./paths";
import { copySqlitePrismaDir, makeTempDir } from "./test-helpers";

const { migrationsDir } = providerPaths("sqlite");

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: number | null;
  rolled_back_at: number | null;
  applied_steps_count: number;
}

function readDatabase<T>(file: string, read: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function tableNames(file: string): string[] {
  return readDatabase(file, (db) =>
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
  );
}

function sha256(filePath: string): string {
  return createHash("sha256").update(readFileSync(filePath)).digest("hex");
}

describe("applyMigrations on SQLite", () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir("apply-migrations");
  });
  afterEach(() => temp.cleanup());

  it("applies every folder to a fresh file, creating its parent folder", async () => {
    const file = path.join(temp.dir, "not", "yet", "there.db");
    const folders = migrationFolderNames(migrationsDir);
    expect(folders.length).toBeGreaterThan(0);

    const applied = await applyMigrations({ url: `file:${file}` });

    expect(applied).toEqual(folders);
    expect(existsSync(file)).toBe(true);
    expect(tableNames(file)).toEqual(expect.arrayContaining(["job_runs", "businesses", "_prisma_migrations"]));
  });

  it("records each folder in _prisma_migrations with the sha256 of its migration.sql", async () => {
    const file = path.join(temp.dir, "records.db");
    await applyMigrations({ url: `file:${file}` });

    const rows = readDatabase(file, (db) =>
      db.prepare("SELECT * FROM _prisma_migrations ORDER BY migration_name").all(),
    ) as MigrationRow[];
    const folders = migrationFolderNames(migrationsDir);
    expect(rows.map((row) => row.migration_name)).toEqual(folders);
    for (const row of rows) {
      expect(row.checksum).toBe(sha256(path.join(migrationsDir, row.migration_name, "migration.sql")));
      // Unix milliseconds, as the native engine writes SQLite dates.
      expect(row.finished_at).toEqual(expect.any(Number));
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing the second time", async () => {
    const url = `file:${path.join(temp.dir, "twice.db")}`;
    const messages: string[] = [];
    await applyMigrations({ url });

    const applied = await applyMigrations({ url, log: (message) => messages.push(message) });

    expect(applied).toEqual([]);
    const count = migrationFolderNames(migrationsDir).length;
    expect(messages).toContainEqual(expect.stringMatching(new RegExp(`^${count} migrations? found in `)));
  });

  it("applies only folders added since the last run, in name order", async () => {
    const prismaDir = copySqlitePrismaDir(temp.dir);
    const url = `file:${path.join(temp.dir, "incremental.db")}`;
    await applyMigrations({ url, prismaDir });

    const copiedMigrations = providerPaths("sqlite", prismaDir).migrationsDir;
    for (const [name, sql] of [
      ["99990102000000_second", 'CREATE TABLE "second_table" ("id" INTEGER NOT NULL PRIMARY KEY);'],
      ["99990101000000_first", 'CREATE TABLE "first_table" ("id" INTEGER NOT NULL PRIMARY KEY);'],
    ] as const) {
      mkdirSync(path.join(copiedMigrations, name));
      writeFileSync(path.join(copiedMigrations, name, "migration.sql"), sql);
    }

    expect(await applyMigrations({ url, prismaDir })).toEqual(["99990101000000_first", "99990102000000_second"]);
  });

  it("warns about a migration edited after it was applied", async () => {
    const prismaDir = copySqlitePrismaDir(temp.dir);
    const url = `file:${path.join(temp.dir, "edited.db")}`;
    await applyMigrations({ url, prismaDir });
    const [first] = migrationFolderNames(migrationsDir);
    const editedFile = path.join(providerPaths("sqlite", prismaDir).migrationsDir, first!, "migration.sql");
    writeFileSync(editedFile, `${readFileSync(editedFile, "utf8")}\n-- edited\n`);

    const messages: string[] = [];
    await applyMigrations({ url, prismaDir, log: (message) => messages.push(message) });

    expect(messages).toContainEqual(expect.stringContaining(`modified since they were applied: ${first}`));
  });

  it("fails with the folder's name when its SQL does not run, and records the failure", async () => {
    const prismaDir = copySqlitePrismaDir(temp.dir);
    const broken = "99990101000000_broken";
    const brokenDir = path.join(providerPaths("sqlite", prismaDir).migrationsDir, broken);
    mkdirSync(brokenDir);
    writeFileSync(path.join(brokenDir, "migration.sql"), "CREATE TABLE oops (;");
    const file = path.join(temp.dir, "broken.db");

    await expect(applyMigrations({ url: `file:${file}`, prismaDir })).rejects.toThrow(broken);

    const failed = readDatabase(file, (db) =>
      db.prepare("SELECT finished_at FROM _prisma_migrations WHERE migration_name = ?").get(broken),
    ) as { finished_at: number | null };
    expect(failed.finished_at).toBeNull();
  });

  it("refuses a URL of an unsupported database", async () => {
    await expect(applyMigrations({ url: "mysql://localhost/app" })).rejects.toThrow(/Unsupported database URL/);
  });
});
