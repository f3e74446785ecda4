import { readFileSync } from "node:fs";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { E2E_BASE_URL } from "../server-env";
import { businessIdBySlug } from "../support/db";
import { contextFor, listAllRuns } from "../support/contexts";
import { storageStatePath } from "../support/roles";

const MISSING_ID = "00000000-0000-4000-8000-000000000000";
const contexts: Partial<Record<"anonymous" | "acmeMember" | "sysadmin", APIRequestContext>> = {};
let acmeRun = "";
let birchRun = "";

test.beforeAll(async () => {
  for (const caller of ["anonymous", "acmeMember", "sysadmin"] as const) contexts[caller] = await contextFor(caller);
  const acmeRuns = await listAllRuns(contexts.sysadmin!, `businessId=${await businessIdBySlug("acme")}&status=succeeded`);
  const birchRuns = await listAllRuns(contexts.sysadmin!, `businessId=${await businessIdBySlug("birch")}&status=succeeded`);
  acmeRun = acmeRuns[0]!.id;
  birchRun = birchRuns[0]!.id;
});

test.afterAll(async () => {
  for (const context of Object.values(contexts)) await context.dispose();
});

for (const path of ["/api/job-runs/%E0%A4%A", "/api/job-runs/%", "/api/attachments/%ZZ", "/api/job-runs/%E0%A4%A/cancel"]) {
  test(`[http] ${path} is a 400 in the error shape`, async () => {
    for (const caller of ["anonymous", "acmeMember"] as const) {
      const response = path.endsWith("/cancel") ? await contexts[caller]!.post(path) : await contexts[caller]!.get(path);
      expect(response.status()).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
  });
}

test("[http] a page with a malformed percent-encoding is the 404 page", async () => {
  const response = await contexts.acmeMember!.get("/automation/runs/%E0%A4%A");
  expect(response.status()).toBe(404);
  expect(await response.text()).toContain("Page not found");
});

test("[http] a malformed business cookie falls back to the user's first business", async () => {
  const state = JSON.parse(readFileSync(storageStatePath("acmeMember"), "utf8")) as { cookies: object[]; origins: [] };
  const badCookie = { name: "automation-business", value: "%E0%A4%A", domain: "127.0.0.1", path: "/", expires: -1, httpOnly: true, secure: false, sameSite: "Lax" };
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL, storageState: { ...state, cookies: [...state.cookies, badCookie] } as never });
  const response = await context.get("/api/me");
  expect(response.status()).toBe(200);
  expect((await response.json()).activeBusinessId).toBe(await businessIdBySlug("acme"));
  await context.dispose();
});

test("[http] the run page answers 404 for a missing run and another business's run, 200 for its own in any case", async () => {
  for (const id of [MISSING_ID, birchRun, "not-a-run-id"]) {
    const response = await contexts.acmeMember!.get(`/automation/runs/${id}`);
    expect(response.status(), id).toBe(404);
    expect(await response.text()).toContain("Run not found");
  }
  for (const id of [acmeRun, acmeRun.toUpperCase()]) expect((await contexts.acmeMember!.get(`/automation/runs/${id}`)).status(), id).toBe(200);
});

test("[http] q and tag match %, _ and \\ literally", async () => {
  for (const query of ["q=%25", "q=_", "q=%5C", "tag=nightl_"]) {
    const response = await contexts.acmeMember!.get(`/api/job-runs?${query}`);
    expect(response.status(), query).toBe(200);
    expect((await response.json()).runs, query).toEqual([]);
  }
  const nightly = await contexts.acmeMember!.get("/api/job-runs?tag=nightly");
  expect((await nightly.json()).runs.length).toBeGreaterThan(0);
});

test("[http] several tags must all match, as a comma list or repeated, and a run id prefix finds its run", async () => {
  const ids = async (query: string) => {
    const response = await contexts.acmeMember!.get(`/api/job-runs?${query}`);
    expect(response.status(), query).toBe(200);
    return (await response.json()).runs as { id: string; tags: string[] }[];
  };
  const both = await ids("tag=manual,priority");
  expect(both.length).toBeGreaterThan(0);
  for (const run of both) expect(run.tags).toEqual(expect.arrayContaining(["manual", "priority"]));
  expect((await ids("tag=priority&tag=manual")).map((run) => run.id)).toEqual(both.map((run) => run.id));
  expect(await ids("tag=nightly,manual")).toEqual([]);
  expect((await ids(`q=${acmeRun.slice(0, 8).toUpperCase()}`)).map((run) => run.id)).toContain(acmeRun);
  expect((await ids(`q=${birchRun.slice(0, 8)}`)).map((run) => run.id)).not.toContain(birchRun);

  const empty = await contexts.acmeMember!.get("/api/job-runs?tag=manual,,priority");
  expect(empty.status()).toBe(400);
  expect((await empty.json()).error.code).toBe("bad_request");
});

test("[http] a body over the limit is refused with 413 in the error shape", async () => {
  const response = await contexts.acmeMember!.post("/api/job-runs", {
    headers: { "content-type": "application/json" },
    data: JSON.stringify({ jobType: "sync-calendar", params: { calendar: "x".repeat(2 * 1024 * 1024) } }),
  });
  expect(response.status()).toBe(413);
  expect((await response.json()).error.code).toBe("payload_too_large");
});

test("[http] worker ids are shown to system admins only", async () => {
  const asMember = await (await contexts.acmeMember!.get(`/api/job-runs/${acmeRun}`)).json();
  const asSysadmin = await (await contexts.sysadmin!.get(`/api/job-runs/${acmeRun}`)).json();
  expect(asSysadmin.attempts.length).toBeGreaterThan(0);
  expect(asSysadmin.attempts.every((attempt: { workerId: string | null }) => typeof attempt.workerId === "string")).toBe(true);
  expect(asMember.attempts.map((attempt: { workerId: string | null }) => attempt.workerId)).toEqual(asSysadmin.attempts.map(() => null));
});

test("[http] every response carries the security headers; pages get a nonce-based policy", async () => {
  for (const path of ["/sign-in", "/automation", "/api/job-runs", "/api/job-runs/%", "/no-such-page"]) {
    const response = await contexts.anonymous!.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["strict-transport-security"], path).toBeUndefined();
    const policy = headers["content-security-policy"] ?? "";
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(policy, path).toContain(directive);
    expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
    expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  }
  const page = await contexts.anonymous!.get("/sign-in");
  const nonce = /'nonce-([^']+)'/.exec(page.headers()["content-security-policy"]!)![1]!;
  const html = await page.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
});
