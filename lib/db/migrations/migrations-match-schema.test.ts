import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkMigrationsMatchSchema } from "./check-migrations";
import { createMigration } from "./create-migration";
import { migrationFolderNames } from "./migrations-folder";
import { providerPaths } from "./paths";
import { copySqlitePrismaDir, makeTempDir } from "./test-helpers";

const WIDGET_MODEL = `
model Widget {
  id   String @id @default(uuid())
  name String

  @@map("widgets")
}
`;

describe("the repository's SQLite migrations", () => {
  // A schema change without `npm run db:create-migration <name>` fails here.
  it("produce exactly prisma/sqlite/schema.prisma", async () => {
    expect(await checkMigrationsMatchSchema({ provider: "sqlite" })).toBe(true);
  });
});

describe("createMigration and checkMigrationsMatchSchema on SQLite", () => {
  let temp: ReturnType<typeof makeTempDir>;
  let prismaDir: string;
  let paths: ReturnType<typeof providerPaths>;
  beforeEach(() => {
    temp = makeTempDir("create-migration");
    prismaDir = copySqlitePrismaDir(temp.dir);
    paths = providerPaths("sqlite", prismaDir);
  });
  afterEach(() => temp.cleanup());

  it("detects a schema change that has no migration yet", async () => {
    writeFileSync(paths.schemaPath, readFileSync(paths.schemaPath, "utf8") + WIDGET_MODEL);

    expect(await checkMigrationsMatchSchema({ provider: "sqlite", prismaDir })).toBe(false);
  });

  it("writes the missing migration as a new timestamped folder, after which the folder matches", async () => {
    writeFileSync(paths.schemaPath, readFileSync(paths.schemaPath, "utf8") + WIDGET_MODEL);
    const existing = migrationFolderNames(paths.migrationsDir);

    const created = await createMigration({
      provider: "sqlite",
      name: "add widgets",
      prismaDir,
      now: new Date("2099-01-02T03:04:05Z"),
    });

    expect(created?.name).toBe("20990102030405_add_widgets");
    expect(created?.path).toBe(path.join(paths.migrationsDir, "20990102030405_add_widgets", "migration.sql"));
    expect(readFileSync(created!.path, "utf8")).toBe(created!.sql);
    expect(created!.sql).toContain('CREATE TABLE "widgets"');
    expect(created!.sql).not.toContain('CREATE TABLE "job_runs"');
    expect(migrationFolderNames(paths.migrationsDir)).toEqual([...existing, "20990102030405_add_widgets"]);
    expect(await checkMigrationsMatchSchema({ provider: "sqlite", prismaDir })).toBe(true);
  });

  it("returns null and writes nothing when the schema has not changed", async () => {
    const before = migrationFolderNames(paths.migrationsDir);

    expect(await createMigration({ provider: "sqlite", name: "nothing", prismaDir })).toBeNull();
    expect(migrationFolderNames(paths.migrationsDir)).toEqual(before);
  });

  it("starts a history from scratch, writing migration_lock.toml", async () => {
    const fresh = makeTempDir("fresh-history");
    try {
      const freshPaths = providerPaths("sqlite", fresh.dir);
      mkdirSync(path.dirname(freshPaths.schemaPath), { recursive: true });
      writeFileSync(freshPaths.schemaPath, readFileSync(paths.schemaPath, "utf8"));

      const created = await createMigration({ provider: "sqlite", name: "init", prismaDir: fresh.dir });

      expect(created?.sql).toContain('CREATE TABLE "job_runs"');
      const lockfile = path.join(freshPaths.migrationsDir, "migration_lock.toml");
      expect(existsSync(lockfile)).toBe(true);
      expect(readFileSync(lockfile, "utf8")).toContain('provider = "sqlite"');
      expect(await checkMigrationsMatchSchema({ provider: "sqlite", prismaDir: fresh.dir })).toBe(true);
    } finally {
      fresh.cleanup();
    }
  });

  it("rejects a name with nothing usable in it", async () => {
    await expect(createMigration({ provider: "sqlite", name: " -- ", prismaDir })).rejects.toThrow(
      /Invalid migration name/,
    );
  });
});
