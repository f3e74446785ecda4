import { randomUUID } from "node:crypto";
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations } from "./apply-migrations";
import { providerPaths } from "./paths";
import { defaultPrismaDir } from "./paths";
import { makeTempDir } from "./test-helpers";

const MIGRATION = "20261130122730_run_tags_and_seen_job_types";
const serverUrl = process.env.TEST_POSTGRES_URL;

const EXPECTED_TAGS = [
  { run_id: "one", business_id: "b1", tag: "backfill" },
  { run_id: "repeated", business_id: "b1", tag: "a" },
  { run_id: "system", business_id: null, tag: "nightly" },
  { run_id: "two", business_id: "b1", tag: "nightly" },
  { run_id: "two", business_id: "b1", tag: "region:eu" },
];
const EXPECTED_TYPES = [{ job_type: "retired-type" }, { job_type: "sync-calendar" }, { job_type: "vacuum-database" }];
const RUNS = [
  ["two", "b1", "tenant", "sync-calendar", ",nightly,region:eu,"],
  ["one", "b1", "tenant", "retired-type", ",backfill,"],
  ["system", null, "system", "vacuum-database", ",nightly,"],
  ["repeated", "b1", "tenant", "sync-calendar", ",a,a,"],
  ["none", "b1", "tenant", "sync-calendar", ""],
] as const;

/** A copy of prisma/<provider> without this migration, and a way to put it back. */
function withoutMigration(dir: string, provider: "sqlite" | "postgresql") {
  const prismaDir = path.join(dir, "prisma");
  cpSync(path.join(defaultPrismaDir, provider), path.join(prismaDir, provider), { recursive: true });
  const { migrationsDir } = providerPaths(provider, prismaDir);
  const kept = path.join(dir, MIGRATION);
  cpSync(path.join(migrationsDir, MIGRATION), kept, { recursive: true });
  rmSync(path.join(migrationsDir, MIGRATION), { recursive: true });
  return { prismaDir, restore: () => cpSync(kept, path.join(migrationsDir, MIGRATION), { recursive: true }) };
}

describe(`migration ${MIGRATION}`, () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir("run-tags-backfill");
  });
  afterEach(() => temp.cleanup());

  it("gives every tag of every existing run its own row, and records the job types runs have", async () => {
    const { prismaDir, restore } = withoutMigration(temp.dir, "sqlite");
    const url = `file:${path.join(temp.dir, "tags.db")}`;
    await applyMigrations({ url, prismaDir });

    const file = path.join(temp.dir, "tags.db");
    const db = new Database(file);
    db.prepare("INSERT INTO businesses (id, name, slug) VALUES ('b1', 'B', 'b')").run();
    const insert = db.prepare(
      "INSERT INTO job_runs (id, business_id, scope, job_type, params, tags, run_at, created_at, updated_at) VALUES (?, ?, ?, ?, '{}', ?, 0, 0, 0)",
    );
    for (const run of RUNS) insert.run(...run);
    db.close();

    restore();
    expect(await applyMigrations({ url, prismaDir })).toEqual([MIGRATION]);

    const migrated = new Database(file, { readonly: true });
    const tags = migrated.prepare("SELECT run_id, business_id, tag FROM job_run_tags ORDER BY run_id, tag").all();
    expect(tags).toEqual(EXPECTED_TAGS);
    expect(migrated.prepare("SELECT job_type FROM job_types_seen ORDER BY job_type").all()).toEqual(EXPECTED_TYPES);
    migrated.close();
  });

  it.skipIf(!serverUrl)("does the same on PostgreSQL, under row-level security", async () => {
    const { prismaDir, restore } = withoutMigration(temp.dir, "postgresql");
    const name = `automation_tags_backfill_${randomUUID().replaceAll("-", "")}`;
    const server = new pg.Client(parseIntoClientConfig(serverUrl!));
    await server.connect();
    await server.query(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    try {
      await applyMigrations({ url: url.toString(), prismaDir });
      const db = new pg.Client(parseIntoClientConfig(url.toString()));
      await db.connect();
      try {
        await db.query("SELECT set_config('app.bypass_rls', 'on', false)");
        await db.query("INSERT INTO businesses (id, name, slug) VALUES ('b1', 'B', 'b')");
        for (const run of RUNS) {
          await db.query(
            "INSERT INTO job_runs (id, business_id, scope, job_type, params, tags, updated_at) VALUES ($1, $2, $3, $4, '{}', $5, now())",
            [...run],
          );
        }
        restore();
        expect(await applyMigrations({ url: url.toString(), prismaDir })).toEqual([MIGRATION]);
        const tags = await db.query("SELECT run_id, business_id, tag FROM job_run_tags ORDER BY run_id, tag");
        expect(tags.rows).toEqual(EXPECTED_TAGS);
        expect((await db.query("SELECT job_type FROM job_types_seen ORDER BY job_type")).rows).toEqual(EXPECTED_TYPES);
        // A business's access sees its own tag rows only.
        await db.query("SELECT set_config('app.bypass_rls', '', false), set_config('app.business_id', 'b1', false)");
        expect((await db.query("SELECT DISTINCT business_id FROM job_run_tags")).rows).toEqual([{ business_id: "b1" }]);
      } finally {
        await db.end();
      }
    } finally {
      await server.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await server.end();
    }
  });
});
