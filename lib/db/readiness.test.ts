import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDatabaseProvider } from "../../test-support/test-database-provider";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { createDb, getDb } from "./client";
import { withoutDatabaseAccess } from "./database-access";
import { migrationFolderNames } from "./migrations/migrations-folder";
import { providerPaths } from "./migrations/paths";
import { checkReadiness, committedMigrationsDir } from "./readiness";

const provider = testDatabaseProvider();
const latestMigration = migrationFolderNames(providerPaths(provider).migrationsDir).at(-1)!;

describe(`readiness on ${provider}`, () => {
  const { database } = useTempDatabase();

  it("is ready when every committed migration is applied", async () => {
    expect(await checkReadiness({ db: getDb(), url: database.url })).toEqual({ ready: true });
  });

  it("needs no tenant access, as in the web server, which is granted none", async () => {
    expect(await withoutDatabaseAccess(() => checkReadiness({ db: getDb(), url: database.url }))).toEqual({ ready: true });
  });

  it("reads the same migrations folder as the migration commands", () => {
    expect(committedMigrationsDir(database.url, path.join(process.cwd(), "prisma"))).toBe(providerPaths(provider).migrationsDir);
  });

  it("is not ready when it finds no committed migrations to compare with", async () => {
    const readiness = await checkReadiness({ db: getDb(), url: database.url, prismaDir: path.join(database.url, "nowhere") });
    expect(readiness).toMatchObject({ ready: false, reason: expect.stringContaining("no migrations found") });
  });

  it("is not ready when the database lacks a committed migration", async () => {
    await getDb().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE migration_name = ${latestMigration}`;
    const readiness = await checkReadiness({ db: getDb(), url: database.url });
    expect(readiness.ready).toBe(false);
    expect(readiness).toMatchObject({ reason: expect.stringContaining(latestMigration) });

    await getDb().$executeRaw`DELETE FROM _prisma_migrations WHERE migration_name = ${latestMigration}`;
    expect((await checkReadiness({ db: getDb(), url: database.url })).ready).toBe(false);
  });

  it("is not ready when the database cannot be reached", async () => {
    const url =
      provider === "postgresql"
        ? "postgresql://automation:automation@127.0.0.1:1/automation"
        : `file:${path.join(path.dirname(database.url.replace(/^file:/, "")), "never-migrated.db")}`;
    const unreachable = createDb(url);
    try {
      const readiness = await checkReadiness({ db: unreachable, url });
      expect(readiness).toMatchObject({ ready: false, reason: expect.stringContaining("database not reachable") });
    } finally {
      await unreachable.$disconnect();
    }
  });
});
