import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { JobRunCreate } from "../../lib/job-runs/schemas";
import { getJobDefinition } from "../../lib/jobs/registry";
import { E2E_BASE_URL } from "../server-env";
import { contextFor } from "../support/contexts";
import { createMember, testDb } from "../support/db";
import { signInWithCredentials } from "../support/sign-in";

/**
 * Random query strings and bodies against every route: never a 5xx, and nothing is written unless
 * the input is one the schemas accept. A dedicated user makes the row counts exact.
 */

const CASES = 200;
const KEYS = ["status", "jobType", "tag", "from", "to", "q", "businessId", "cursor", "limit", "window", "x"];
const JOB_TYPES = ["sync-calendar", "send-appointment-reminders", "vacuum-database", "export-report", "nope"];

let context: APIRequestContext;
let userId: string;

test.beforeAll(async () => {
  const email = `fuzz-${Date.now()}@acme.example`;
  ({ userId } = await createMember({ email, slug: "acme", role: "admin" }));
  context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  expect((await signInWithCredentials(context, email)).signedIn).toBe(true);
});

test.afterAll(async () => context.dispose());

const queryValue = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("queued,failed", "succeeded", "system", "orphan", "24h", "30d", "-1", "1e9", "2026-01-01T00:00:00Z", "%00", "' OR 1=1 --"),
  fc.uuid().map(String),
  fc.integer().map(String),
);
const queryString = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string()), queryValue), { maxLength: 5 })
  .map((pairs) => pairs.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join("&"));

// "." and ".." are dot-segments: the client resolves them away, so they never reach a run route.
const idSegment = fc
  .oneof(fc.uuid().map(String), fc.string({ minLength: 1 }), fc.constantFrom("..%2F..%2Fetc%2Fpasswd", "%00", "null"))
  .filter((id) => id !== "." && id !== "..");

const triggerBody = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      jobType: fc.oneof(fc.constantFrom(...JOB_TYPES), fc.string()),
      params: fc.oneof(fc.dictionary(fc.constantFrom("calendar", "fullResync", "daysAhead", "channel", "batches", "x"), fc.jsonValue()), fc.jsonValue()),
      idempotencyKey: fc.oneof(fc.string(), fc.integer()),
      runAt: fc.oneof(fc.string(), fc.constant("2099-01-01T00:00:00Z")),
      priority: fc.oneof(fc.integer(), fc.double()),
      businessId: fc.oneof(fc.uuid().map(String), fc.constant(null)),
      tags: fc.array(fc.string(), { maxLength: 12 }),
    },
    { requiredKeys: [] },
  ),
);

/** What the server should accept, computed from the same schemas the route uses. */
function accepts(body: unknown): boolean {
  const parsed = JobRunCreate.safeParse(body);
  if (!parsed.success || parsed.data.businessId !== undefined) return false;
  const definition = getJobDefinition(parsed.data.jobType);
  return Boolean(definition && definition.scope === "tenant" && definition.params.safeParse(parsed.data.params).success);
}

async function writes() {
  const [runs, audit] = await Promise.all([
    testDb().jobRun.count({ where: { triggeredByUserId: userId } }),
    testDb().auditEvent.count({ where: { actorUserId: userId } }),
  ]);
  return { runs, audit };
}

/**
 * Any filter is narrowed to a job type no run has, so that an accepted body changes nothing of
 * the demo data the other suites read; ids are random, so none of them is a stored run.
 */
const bulkBody = fc
  .oneof(
    fc.jsonValue(),
    fc.record(
      {
        action: fc.oneof(fc.constantFrom("cancel", "retry"), fc.string()),
        ids: fc.oneof(fc.array(fc.oneof(fc.uuid().map(String), fc.string()), { maxLength: 5 }), fc.jsonValue()),
        filter: fc.oneof(fc.dictionary(fc.constantFrom(...KEYS), queryValue, { maxKeys: 4 }), fc.jsonValue()),
        dryRun: fc.oneof(fc.boolean(), fc.jsonValue()),
      },
      { requiredKeys: [] },
    ),
  )
  .map((body) => {
    const filter = (body as { filter?: unknown } | null)?.filter;
    if (filter && typeof filter === "object" && !Array.isArray(filter)) return { ...(body as object), filter: { ...filter, jobType: "fuzz-no-such-type" } };
    return body;
  });

const READ_ROUTES = ["/api/job-runs", "/api/job-runs/stats", "/api/job-runs/stats/businesses", "/api/job-runs/active", "/api/job-runs/recent", "/api/job-runs/types"];

for (const route of READ_ROUTES) {
  test(`[fuzz] GET ${route} with random query strings`, async () => {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const response = await context.get(`${route}?${query}`);
        expect(response.status(), query).toBeLessThan(500);
        expect([200, 400, 403], query).toContain(response.status());
        if (response.status() !== 200) expect((await response.json()).error.code).toBeTruthy();
      }),
      { numRuns: CASES },
    );
  });
}

test("[fuzz] GET /api/workers with random query strings: a system admin gets 200 or 400, a business admin always the 404", async () => {
  const sysadmin = await contextFor("sysadmin");
  try {
    await fc.assert(
      fc.asyncProperty(queryString, async (query) => {
        const asAdmin = await sysadmin.get(`/api/workers?${query}`);
        expect([200, 400], query).toContain(asAdmin.status());
        const asBusiness = await context.get(`/api/workers?${query}`);
        expect(asBusiness.status(), query).toBe(404);
        expect(await asBusiness.json()).toEqual({ error: { code: "not_found", message: "Not found" } });
      }),
      { numRuns: CASES },
    );
  } finally {
    await sysadmin.dispose();
  }
});

test("[fuzz] GET /api/job-runs/[id] with random ids", async () => {
  await fc.assert(
    fc.asyncProperty(idSegment, async (id) => {
      const response = await context.get(`/api/job-runs/${encodeURIComponent(id)}`);
      expect([400, 404], id).toContain(response.status());
    }),
    { numRuns: CASES },
  );
});

for (const action of ["cancel", "retry"]) {
  test(`[fuzz] POST /api/job-runs/[id]/${action} with random ids changes nothing`, async () => {
    const before = await writes();
    await fc.assert(
      fc.asyncProperty(idSegment, async (id) => {
        const response = await context.post(`/api/job-runs/${encodeURIComponent(id)}/${action}`);
        expect([400, 404], id).toContain(response.status());
      }),
      { numRuns: CASES },
    );
    expect(await writes()).toEqual(before);
  });
}

test("[fuzz] POST /api/job-runs/bulk with random bodies changes nothing", async () => {
  const before = await writes();
  await fc.assert(
    fc.asyncProperty(bulkBody, async (body) => {
      const response = await context.post("/api/job-runs/bulk", { data: JSON.stringify(body), headers: { "content-type": "application/json" } });
      const label = JSON.stringify(body);
      expect([200, 400, 403], label).toContain(response.status());
      if (response.status() !== 200) expect((await response.json()).error.code, label).toBeTruthy();
    }),
    { numRuns: CASES },
  );
  expect(await writes()).toEqual(before);
});

test("[fuzz] POST /api/job-runs with random bodies writes only what the schemas accept", async () => {
  await fc.assert(
    fc.asyncProperty(triggerBody, async (body) => {
      const before = await writes();
      const response = await context.post("/api/job-runs", { data: JSON.stringify(body), headers: { "content-type": "application/json" } });
      const after = await writes();
      const label = JSON.stringify(body);
      expect(response.status(), label).toBeLessThan(500);
      if (accepts(body)) {
        expect([200, 201], label).toContain(response.status());
      } else {
        expect(response.status(), label).toBeGreaterThanOrEqual(400);
        expect(after, label).toEqual(before);
      }
      if (response.status() === 201) expect(after.runs, label).toBe(before.runs + 1);
    }),
    { numRuns: CASES },
  );
});

test("[fuzz] POST /api/session/business with random bodies", async () => {
  await fc.assert(
    fc.asyncProperty(fc.jsonValue(), async (body) => {
      const response = await context.post("/api/session/business", { data: JSON.stringify(body), headers: { "content-type": "application/json" } });
      expect([400, 403], JSON.stringify(body)).toContain(response.status());
    }),
    { numRuns: CASES },
  );
});
