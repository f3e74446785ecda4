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
  id: string;
  migration_name: string;
  started_at: number;
  logs: string | null;
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

function addMigration(migrationsDir: string, name: string, sql: string): void {
  mkdirSync(path.join(migrationsDir, name), { recursive: true });
  writeFileSync(path.join(migrationsDir, name, "migration.sql"), sql);
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
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.started_at).toEqual(expect.any(Number));
      expect(row.finished_at).toBeGreaterThanOrEqual(row.started_at);
      expect(row.logs).toBeNull();
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
    addMigration(copiedMigrations, "99990102000000_second", 'CREATE TABLE "second_table" ("id" INTEGER NOT NULL PRIMARY KEY);');
    addMigration(copiedMigrations, "99990101000000_first", 'CREATE TABLE "first_table" ("id" INTEGER NOT NULL PRIMARY KEY);');

    expect(await applyMigrations({ url, prismaDir })).toEqual(["99990101000000_first", "99990102000000_second"]);
  });

  it("refuses to go on when a migration was edited after it was applied", async () => {
    const prismaDir = copySqlitePrismaDir(temp.dir);
    const url = `file:${path.join(temp.dir, "edited.db")}`;
    await applyMigrations({ url, prismaDir });
    const copiedMigrations = providerPaths("sqlite", prismaDir).migrationsDir;
    const [first] = migrationFolderNames(migrationsDir);
    const editedFile = path.join(copiedMigrations, first!, "migration.sql");
    writeFileSync(editedFile, `${readFileSync(editedFile, "utf8")}\n-- edited\n`);
    addMigration(copiedMigrations, "99990101000000_after_edit", 'CREATE TABLE "after_edit" ("id" INTEGER);');

    await expect(applyMigrations({ url, prismaDir })).rejects.toThrow(`Migration ${first} was modified after it was applied`);
    expect(tableNames(url.replace(/^file:/, ""))).not.toContain("after_edit");
  });

  it("fails with the folder's name when its SQL does not run, and records the failure", async () => {
    const prismaDir = copySqlitePrismaDir(temp.dir);
    const broken = "99990101000000_broken";
    addMigration(providerPaths("sqlite", prismaDir).migrationsDir, broken, "CREATE TABLE oops (;");
    const file = path.join(temp.dir, "broken.db");

    await expect(applyMigrations({ url: `file:${file}`, prismaDir })).rejects.toThrow(broken);

    const failed = readDatabase(file, (db) =>
      db.prepare("SELECT finished_at, logs FROM _prisma_migrations WHERE migration_name = ?").get(broken),
    ) as { finished_at: number | null; logs: string };
    expect(failed.finished_at).toBeNull();
    expect(failed.logs).toContain("syntax error");
  });

  it("rolls back the whole script of a migration that fails half-way", async () => {
    const prismaDir = copySqlitePrismaDir(temp.dir);
    const copiedMigrations = providerPaths("sqlite", prismaDir).migrationsDir;
    addMigration(copiedMigrations, "99990101000000_half", 'CREATE TABLE "half" ("id" INTEGER);\nCREATE TABLE oops (;');
    const file = path.join(temp.dir, "half.db");

    await expect(applyMigrations({ url: `file:${file}`, prismaDir })).rejects.toThrow("99990101000000_half");

    expect(tableNames(file)).toContain("job_runs");
    expect(tableNames(file)).not.toContain("half");
  });

  it("refuses to go on while a failed migration is recorded, and applies it again once rolled back", async () => {
    const prismaDir = copySqlitePrismaDir(temp.dir);
    const copiedMigrations = providerPaths("sqlite", prismaDir).migrationsDir;
    const broken = "99990101000000_broken";
    addMigration(copiedMigrations, broken, "CREATE TABLE oops (;");
    const file = path.join(temp.dir, "failed.db");
    await expect(applyMigrations({ url: `file:${file}`, prismaDir })).rejects.toThrow(broken);
    addMigration(copiedMigrations, broken, 'CREATE TABLE "fixed" ("id" INTEGER);');

    await expect(applyMigrations({ url: `file:${file}`, prismaDir })).rejects.toThrow(
      `Migration ${broken} failed earlier and is recorded as failed`,
    );
    expect(tableNames(file)).not.toContain("fixed");

    // What `prisma migrate resolve --rolled-back` does.
    const db = new Database(file);
    db.prepare("UPDATE _prisma_migrations SET rolled_back_at = 1 WHERE migration_name = ?").run(broken);
    db.close();
    expect(await applyMigrations({ url: `file:${file}`, prismaDir })).toEqual([broken]);
    expect(tableNames(file)).toContain("fixed");
  });

  it("keeps the rows of tables that refer to a table a migration rebuilds", async () => {
    const prismaDir = copySqlitePrismaDir(temp.dir);
    const copiedMigrations = providerPaths("sqlite", prismaDir).migrationsDir;
    addMigration(
      copiedMigrations,
      "99990101000000_parent_child",
      'CREATE TABLE "parent" ("id" INTEGER PRIMARY KEY);\n' +
        'CREATE TABLE "child" ("id" INTEGER PRIMARY KEY, "parentId" INTEGER REFERENCES "parent" ("id") ON DELETE CASCADE);\n' +
        'INSERT INTO "parent" VALUES (1); INSERT INTO "child" VALUES (1, 1);',
    );
    const url = `file:${path.join(temp.dir, "rebuild.db")}`;
    await applyMigrations({ url, prismaDir });
    // The shape of Prisma's own table-rebuilding migrations on SQLite.
    addMigration(
      copiedMigrations,
      "99990102000000_rebuild_parent",
      [
        "PRAGMA defer_foreign_keys=ON;",
        "PRAGMA foreign_keys=OFF;",
        'CREATE TABLE "new_parent" ("id" INTEGER PRIMARY KEY, "name" TEXT);',
        'INSERT INTO "new_parent" ("id") SELECT "id" FROM "parent";',
        'DROP TABLE "parent";',
        'ALTER TABLE "new_parent" RENAME TO "parent";',
        "PRAGMA foreign_keys=ON;",
        "PRAGMA defer_foreign_keys=OFF;",
      ].join("\n"),
    );

    expect(await applyMigrations({ url, prismaDir })).toEqual(["99990102000000_rebuild_parent"]);
    expect(readDatabase(url.replace(/^file:/, ""), (db) => db.prepare('SELECT * FROM "child"').all())).toEqual([
      { id: 1, parentId: 1 },
    ]);
  });

  it("refuses a URL of an unsupported database", async () => {
    await expect(applyMigrations({ url: "mysql://localhost/app" })).rejects.toThrow(/Unsupported database URL/);
  });
});
