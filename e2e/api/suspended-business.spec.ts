import { expect, test, type APIRequestContext } from "@playwright/test";
import { hashPassword } from "../../lib/auth/password";
import { E2E_BASE_URL } from "../server-env";
import { testDb } from "../support/db";
import { contextFor } from "../support/contexts";
import { PASSWORD } from "../support/roles";
import { newSignedInContext } from "../support/sign-in";

const LATER = "2099-01-01T00:00:00.000Z";
const stamp = Date.now();
let businessId = "";
let runId = "";
const contexts: Record<string, APIRequestContext> = {};

/** A business of its own with an admin and a member, suspended once a run is queued in it. */
test.beforeAll(async () => {
  const db = testDb();
  const business = await db.business.create({ data: { name: `Dormant ${stamp}`, slug: `dormant-${stamp}` } });
  businessId = business.id;
  const passwordHash = await hashPassword(PASSWORD);
  for (const role of ["admin", "member"] as const) {
    const email = `${role}-${stamp}@dormant.example`;
    await db.user.create({ data: { email, name: role, passwordHash, memberships: { create: { businessId, role } } } });
    contexts[role] = await newSignedInContext(email);
  }
  contexts.sysadmin = await contextFor("sysadmin");
  const queued = await contexts.admin!.post("/api/job-runs", { data: { jobType: "sync-calendar", params: { calendar: "x" }, runAt: LATER } });
  expect(queued.status()).toBe(201);
  runId = ((await queued.json()) as { run: { id: string } }).run.id;
  await db.business.update({ where: { id: businessId }, data: { status: "suspended" } });
});

test.afterAll(async () => {
  for (const context of Object.values(contexts)) await context.dispose();
  // Leaves the demo data as it found it: the business goes with its runs, memberships and audit trail.
  const members = await testDb().membership.findMany({ where: { businessId }, select: { userId: true } });
  await testDb().business.delete({ where: { id: businessId } });
  await testDb().user.deleteMany({ where: { id: { in: members.map((member) => member.userId) } } });
});

async function expectSuspended(response: Promise<import("@playwright/test").APIResponse>) {
  const answered = await response;
  expect(answered.status()).toBe(403);
  expect((await answered.json()).error.code).toBe("business_suspended");
}

for (const role of ["admin", "member"] as const) {
  test(`[suspended] a ${role} still reads the history`, async () => {
    const list = await contexts[role]!.get("/api/job-runs");
    expect(list.status()).toBe(200);
    expect(((await list.json()) as { runs: { id: string }[] }).runs.map((run) => run.id)).toEqual([runId]);
    expect((await contexts[role]!.get(`/api/job-runs/${runId}`)).status()).toBe(200);
  });

  test(`[suspended] a ${role} cannot trigger, cancel or retry: 403 business_suspended`, async () => {
    await expectSuspended(contexts[role]!.post("/api/job-runs", { data: { jobType: "sync-calendar", params: { calendar: "x" }, runAt: LATER } }));
    await expectSuspended(contexts[role]!.post(`/api/job-runs/${runId}/cancel`));
    await expectSuspended(contexts[role]!.post(`/api/job-runs/${runId}/retry`));
    expect(await testDb().jobRun.count({ where: { businessId } })).toBe(1);
    expect((await testDb().jobRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("queued");
  });
}

test("[suspended] the page says the business is suspended and offers no way to start a run", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, storageState: await contexts.admin!.storageState() });
  const page = await context.newPage();
  await page.goto("/automation");
  await expect(page.getByRole("status").filter({ hasText: "This business is suspended" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Run job" })).toHaveCount(0);
  await page.goto(`/automation/runs/${runId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("sync-calendar");
  await expect(page.getByRole("button", { name: /cancel/i })).toHaveCount(0);
  await context.close();
});

test("[suspended] a system admin is unaffected and can still cancel the business's run", async () => {
  expect((await contexts.sysadmin!.get(`/api/job-runs/${runId}`)).status()).toBe(200);
  const cancelled = await contexts.sysadmin!.post(`/api/job-runs/${runId}/cancel`);
  expect(cancelled.status()).toBe(200);
  expect((await testDb().jobRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("cancelled");
});
