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

test("[session] ten failed sign-ins for one account from one address are throttled there, not at the owner's address", async () => {
  const email = `guessed-${Date.now()}@acme.example`;
  await createMember({ email, slug: "acme" });
  const owner = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  const ownerAddress = { "x-forwarded-for": "203.0.113.11" };
  expect((await signInWithCredentials(owner, email, PASSWORD, ownerAddress)).signedIn).toBe(true);

  const attacker = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  const attackerAddress = { "x-forwarded-for": "203.0.113.10" };
  for (let attempt = 1; attempt <= 10; attempt++) {
    const { status, signedIn } = await signInWithCredentials(attacker, email, "wrong-password", attackerAddress);
    expect(signedIn).toBe(false);
    expect(status).not.toBe(429);
  }
  const throttled = await signInWithCredentials(attacker, email, PASSWORD, attackerAddress);
  expect(throttled.status).toBe(429);
  expect(throttled.signedIn).toBe(false);

  // The owner, from the address they signed in from before, is not locked out by the guesses.
  const again = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  expect((await signInWithCredentials(again, email, PASSWORD, ownerAddress)).signedIn).toBe(true);
  await testDb().loginAttempt.deleteMany({ where: { email } });
  await Promise.all([owner.dispose(), attacker.dispose(), again.dispose()]);
});

test("[session] an address that failed a hundred times across accounts is throttled with 429", async () => {
  const ip = "198.51.100.20";
  const createdAt = new Date();
  await testDb().loginAttempt.createMany({
    data: Array.from({ length: 100 }, (_, index) => ({ email: `sprayed-${index}@example.com`, ip, succeeded: false, createdAt })),
  });
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  const blocked = await signInWithCredentials(context, "member@acme.example", PASSWORD, { "x-forwarded-for": ip });
  expect(blocked.status).toBe(429);
  expect(blocked.signedIn).toBe(false);
  await testDb().loginAttempt.deleteMany({ where: { ip } });
  await context.dispose();
});

test("[session] addresses the client makes up do not spread its attempts over several limits", async () => {
  const email = `spoofer-${Date.now()}@example.com`;
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  // Left of the trusted proxy's entry in X-Forwarded-For, and the server's own client-address header.
  const spoofed = (attempt: number) => ({
    "x-forwarded-for": `6.6.6.${attempt}, 203.0.113.30`,
    "x-real-ip": `7.7.7.${attempt}`,
    "x-automation-client-address": `8.8.8.${attempt}`,
  });
  for (let attempt = 1; attempt <= 10; attempt++) {
    expect((await signInWithCredentials(context, email, "guess", spoofed(attempt))).status).not.toBe(429);
  }
  expect((await signInWithCredentials(context, email, "guess", spoofed(11))).status).toBe(429);
  expect(await testDb().loginAttempt.findMany({ where: { email }, distinct: ["ip"], select: { ip: true } })).toEqual([{ ip: "203.0.113.30" }]);

  // Without X-Forwarded-For the connection's own address counts, whatever internal header is sent.
  const direct = `direct-${Date.now()}@example.com`;
  for (let attempt = 1; attempt <= 10; attempt++) {
    await signInWithCredentials(context, direct, "guess", { "x-automation-client-address": `8.8.8.${attempt}` });
  }
  expect((await signInWithCredentials(context, direct, "guess", { "x-automation-client-address": "8.8.8.11" })).status).toBe(429);
  await testDb().loginAttempt.deleteMany({ where: { email: { in: [email, direct] } } });
  await context.dispose();
});

test("[session] a session cookie kept from before sign-out is refused with 401", async ({ browser }) => {
  const email = `signs-out-${Date.now()}@acme.example`;
  await createMember({ email, slug: "acme" });
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  expect((await signInWithCredentials(context, email)).signedIn).toBe(true);
  expect((await context.get("/api/job-runs?limit=1")).status()).toBe(200);
  const before = await context.storageState();

  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signOut = await context.post("/api/auth/signout", { form: { csrfToken }, headers: { "x-auth-return-redirect": "1" } });
  expect(signOut.status()).toBe(200);

  const replayed = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL, storageState: before });
  const response = await replayed.get("/api/job-runs?limit=1");
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe("unauthorized");
  const page = await (await browser.newContext({ baseURL: E2E_BASE_URL, storageState: before })).newPage();
  await page.goto("/automation");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await Promise.all([context.dispose(), replayed.dispose(), page.context().close()]);
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
