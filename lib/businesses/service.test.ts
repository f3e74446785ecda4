import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disconnectDb, getDb } from "../db";
import { applyMigrations } from "../db/migrations";
import { seedDemo } from "../demo-data/seed-demo";
import { loadActor } from "../tenancy/actor";
import { resolveAccess } from "../tenancy/resolve-access";
import { listBusinesses } from "./service";

const folder = mkdtempSync(path.join(tmpdir(), "businesses-service-"));

async function accessOf(email: string) {
  const user = await getDb().user.findUniqueOrThrow({ where: { email } });
  const actor = await loadActor(user.id);
  if (!actor) throw new Error(`No actor for ${email}`);
  return resolveAccess(actor);
}

describe("listBusinesses", () => {
  beforeAll(async () => {
    const url = `file:${path.join(folder, "test.db")}`;
    process.env.DATABASE_URL = url;
    await applyMigrations({ url, log: () => {} });
    await seedDemo(getDb());
  });

  afterAll(async () => {
    await disconnectDb();
    rmSync(folder, { recursive: true, force: true });
  });

  it("gives a system admin every business", async () => {
    const { scope, actor } = await accessOf("sysadmin@example.com");
    const names = (await listBusinesses({ scope, actor })).map((business) => business.name);
    expect(names).toEqual(["Acme Dental", "Birch Clinic"]);
  });

  it("gives a member only the businesses they belong to", async () => {
    const { scope, actor } = await accessOf("admin@acme.example");
    const businesses = await listBusinesses({ scope, actor });
    expect(businesses).toEqual([{ id: expect.any(String), name: "Acme Dental", slug: "acme", status: "active" }]);
  });

  it("gives a member of two businesses both, whichever is active", async () => {
    const { scope, actor } = await accessOf("multi@example.com");
    expect((await listBusinesses({ scope, actor })).map((business) => business.slug)).toEqual(["acme", "birch"]);
  });
});
