import { expect, test } from "@playwright/test";
import { contextFor } from "../support/contexts";
import { testDb } from "../support/db";

// No cookies at all: a load balancer's probe has no session.
async function anonymousGet(path: string) {
  const context = await contextFor("anonymous");
  const response = await context.get(path);
  const result = { status: response.status(), headers: response.headers(), body: await response.json() };
  await context.dispose();
  return result;
}

test("[health] live answers 200 with only its status, without a session, never cached", async () => {
  const live = await anonymousGet("/api/health/live");
  expect(live.status).toBe(200);
  expect(live.body).toEqual({ status: "ok" });
  expect(live.headers["cache-control"]).toContain("no-store");
});

test("[health] ready answers 200 with only its status when the database is migrated, without a session", async () => {
  const ready = await anonymousGet("/api/health/ready");
  expect(ready.status).toBe(200);
  expect(ready.body).toEqual({ status: "ok" });
  expect(ready.headers["cache-control"]).toContain("no-store");
});

test("[health] ready answers 503 while a committed migration is not applied", async () => {
  const [latest] = await testDb().$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
  const name = latest!.migration_name;
  await testDb().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = finished_at WHERE migration_name = ${name}`;
  try {
    const ready = await anonymousGet("/api/health/ready");
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: "unavailable" });
  } finally {
    await testDb().$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${name}`;
  }
  expect((await anonymousGet("/api/health/ready")).status).toBe(200);
});
