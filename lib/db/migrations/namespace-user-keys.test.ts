import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations } from "./apply-migrations";
import { providerPaths } from "./paths";
import { copySqlitePrismaDir, makeTempDir } from "./test-helpers";

const MIGRATION = "20261130100000_namespace_user_idempotency_keys";

describe(`migration ${MIGRATION}`, () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir("namespace-user-keys");
  });
  afterEach(() => temp.cleanup());

  it("moves users' keys under user: and leaves the system's keys as they were", async () => {
    const prismaDir = copySqlitePrismaDir(temp.dir);
    const { migrationsDir } = providerPaths("sqlite", prismaDir);
    const kept = path.join(temp.dir, MIGRATION);
    cpSync(path.join(migrationsDir, MIGRATION), kept, { recursive: true });
    rmSync(path.join(migrationsDir, MIGRATION), { recursive: true });
    const url = `file:${path.join(temp.dir, "keys.db")}`;
    await applyMigrations({ url, prismaDir });

    const file = path.join(temp.dir, "keys.db");
    const db = new Database(file);
    db.prepare("INSERT INTO businesses (id, name, slug) VALUES ('b1', 'B', 'b')").run();
    const insert = db.prepare(
      "INSERT INTO job_runs (id, business_id, scope, job_type, params, trigger_source, idempotency_key, dedupe_key, run_at, created_at, updated_at) VALUES (?, ?, ?, 'x', '{}', ?, ?, ?, 0, 0, 0)",
    );
    insert.run("api", "b1", "tenant", "api", "nightly", "b1:nightly");
    insert.run("manual", "b1", "tenant", "manual", "k", "b1:k");
    insert.run("cli", null, "system", "cli", "once", "system:once");
    insert.run("schedule", "b1", "tenant", "schedule", "schedule:s:slot", "b1:schedule:s:slot");
    insert.run("fan-out", null, "system", "schedule", "schedule-fan-out:s:slot", "system:schedule-fan-out:s:slot");
    insert.run("unkeyed", "b1", "tenant", "api", null, null);
    db.close();

    cpSync(kept, path.join(migrationsDir, MIGRATION), { recursive: true });
    expect(await applyMigrations({ url, prismaDir })).toEqual([MIGRATION]);

    const rows = new Database(file, { readonly: true }).prepare("SELECT id, dedupe_key FROM job_runs ORDER BY id").all();
    expect(Object.fromEntries((rows as { id: string; dedupe_key: string | null }[]).map((row) => [row.id, row.dedupe_key]))).toEqual({
      api: "b1:user:nightly",
      manual: "b1:user:k",
      cli: "system:user:once",
      schedule: "b1:schedule:s:slot",
      "fan-out": "system:schedule-fan-out:s:slot",
      unkeyed: null,
    });
  });
});
