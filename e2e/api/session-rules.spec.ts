import { expect, request as playwrightRequest, test } from "@playwright/test";
import { E2E_BASE_URL } from "../server-env";
import { businessIdBySlug, createMember, testDb } from "../support/db";
import { contextFor } from "../support/contexts";
import { PASSWORD } from "../support/roles";
import { signInWithCredentials } from "../support/sign-in";

test("[session] a member removed while signed in is refused on the next request", async () => {
  const email = `leaver-${Date.now()}@acme.example`;
  const { userId, businessId } = await createMember({ email, slug: "acme" });
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  expect((await signInWithCredentials(context, email)).signedIn).toBe(true);
  expect((await context.get("/api/job-runs")).status()).toBe(200);

  await testDb().membership.delete({ where: { userId_businessId: { userId, businessId } } });

  const response = await context.get("/api/job-runs");
  expect(response.status()).toBe(403);
  expect((await context.get("/api/job-runs/stats")).status()).toBe(403);
  await context.dispose();
});

test("[session] an admin demoted to member while signed in can no longer cancel", async () => {
  const email = `demoted-${Date.now()}@acme.example`;
  const { userId, businessId } = await createMember({ email, slug: "acme", role: "admin" });
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  await signInWithCredentials(context, email);
  const created = await context.post("/api/job-runs", {
    data: { jobType: "send-appointment-reminders", params: { batches: 50, batchDelayMs: 10000 }, runAt: "2099-01-01T00:00:00Z" },
  });
  expect(created.status()).toBe(201);
  const { run } = (await created.json()) as { run: { id: string } };

  await testDb().membership.update({ where: { userId_businessId: { userId, businessId } }, data: { role: "member" } });

  expect((await context.post(`/api/job-runs/${run.id}/cancel`)).status()).toBe(403);
  expect((await testDb().jobRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("queued");
  await context.dispose();
});

test("[session] more than ten failed sign-ins for one account are throttled with 429", async () => {
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  const headers = { "x-forwarded-for": "203.0.113.10" };
  for (let attempt = 1; attempt <= 10; attempt++) {
    const { status, signedIn } = await signInWithCredentials(context, "admin@birch.example", "wrong-password", headers);
    expect(signedIn).toBe(false);
    expect(status).not.toBe(429);
  }
  const throttled = await signInWithCredentials(context, "admin@birch.example", "wrong-password", headers);
  expect(throttled.status).toBe(429);
  // Even the right password is refused while the account is throttled, from any address.
  const fresh = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  const correct = await signInWithCredentials(fresh, "admin@birch.example", PASSWORD, { "x-forwarded-for": "203.0.113.11" });
  expect(correct.status).toBe(429);
  expect(correct.signedIn).toBe(false);
  await testDb().loginAttempt.deleteMany({ where: { email: "admin@birch.example" } });
  await context.dispose();
  await fresh.dispose();
});

test("[session] more than ten failed sign-ins from one address are throttled with 429", async () => {
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  const headers = { "x-forwarded-for": "198.51.100.20" };
  for (let attempt = 1; attempt <= 10; attempt++) {
    await signInWithCredentials(context, `someone-${attempt}@example.com`, "guess", headers);
  }
  const blocked = await signInWithCredentials(context, "member@acme.example", PASSWORD, headers);
  expect(blocked.status).toBe(429);
  expect(blocked.signedIn).toBe(false);
  await testDb().loginAttempt.deleteMany({ where: { ip: "198.51.100.20" } });
  await context.dispose();
});

test("[session] cross-site mutations are refused and change nothing", async () => {
  const context = await contextFor("acmeAdmin");
  const crossSite: Record<string, string>[] = [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }];
  for (const [index, headers] of crossSite.entries()) {
    const idempotencyKey = `cross-site-${index}-${Date.now()}`;
    const response = await context.post("/api/job-runs", {
      data: { jobType: "sync-calendar", params: { calendar: "x" }, idempotencyKey },
      headers,
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
    expect(await testDb().jobRun.count({ where: { idempotencyKey } })).toBe(0);
  }
  const sameSite = await context.post("/api/job-runs", {
    data: { jobType: "sync-calendar", params: { calendar: "x" } },
    headers: { origin: new URL(E2E_BASE_URL).origin },
  });
  expect(sameSite.status()).toBe(201);
  await context.dispose();
});

test("[session] the business switcher changes what a multi-business user sees, and only to their businesses", async () => {
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  await signInWithCredentials(context, "multi@example.com");
  const acmeId = await businessIdBySlug("acme");
  const birchId = await businessIdBySlug("birch");
  const first = (await (await context.get("/api/job-runs?limit=5")).json()) as { runs: { businessId: string }[] };
  expect(first.runs.every((run) => run.businessId === acmeId)).toBe(true);

  expect((await context.post("/api/session/business", { data: { businessId: birchId } })).status()).toBe(200);
  const second = (await (await context.get("/api/job-runs?limit=5")).json()) as { runs: { businessId: string }[] };
  expect(second.runs.length).toBeGreaterThan(0);
  expect(second.runs.every((run) => run.businessId === birchId)).toBe(true);

  const foreign = "00000000-0000-4000-8000-00000000beef";
  expect((await context.post("/api/session/business", { data: { businessId: foreign } })).status()).toBe(403);
  await context.dispose();
});
