import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { BIRCH_CANARY } from "../../lib/demo-data/demo-users";
import { businessIdBySlug, testDb } from "../support/db";
import { contextFor, listAllRuns, type Caller } from "../support/contexts";
import { openEventStream } from "../support/event-stream";
import { ApiDescription } from "../support/openapi-conformance";

/**
 * Every job-run route × method × caller × target. Also checks that no response to an Acme user
 * ever carries a Birch run id or the Birch canary string (and the reverse for the Birch admin),
 * and that every answer's status and body are the ones /api/openapi.json describes.
 */

const CALLERS: Caller[] = ["anonymous", "nobody", "acmeMember", "acmeAdmin", "birchAdmin", "multi", "sysadmin"];
const TARGETS = ["own", "ownUpperCase", "other", "missing", "malformed"] as const;
type Target = (typeof TARGETS)[number];

/** Keeps idempotency keys fresh when the suite runs again against a server that is still up. */
const SUITE_RUN = randomUUID();
const MISSING_ID = "00000000-0000-4000-8000-000000000000";
const MANAGERS = new Set<Caller>(["acmeAdmin", "birchAdmin", "sysadmin"]);
/** Job types each role may trigger (JobDefinition.triggeredBy); everything else is a 403. */
const MEMBER_TYPES = ["export-report", "send-appointment-reminders", "sync-calendar"];
const TRIGGERABLE: Partial<Record<Caller, string[]>> = {
  acmeMember: MEMBER_TYPES,
  multi: MEMBER_TYPES,
  acmeAdmin: [...MEMBER_TYPES, "retention-cleanup"],
  birchAdmin: [...MEMBER_TYPES, "retention-cleanup"],
  sysadmin: [...MEMBER_TYPES, "retention-cleanup", "schedule-fan-out", "vacuum-database"],
};
/** Far enough ahead that no worker runs it while the suite is up. */
const NEVER = "2999-01-01T00:00:00.000Z";
/** multi@example.com works in Acme Dental, the first of its businesses by name, until it switches. */
const HOME: Partial<Record<Caller, "acme" | "birch">> = { acmeMember: "acme", acmeAdmin: "acme", multi: "acme", birchAdmin: "birch" };

const contexts = new Map<Caller, APIRequestContext>();
let description: ApiDescription;
const ids = { acme: { business: "", run: "" }, birch: { business: "", run: "" } };
const allRunIds = { acme: new Set<string>(), birch: new Set<string>() };

test.beforeAll(async () => {
  for (const caller of CALLERS) contexts.set(caller, await contextFor(caller));
  description = await ApiDescription.load(contexts.get("anonymous")!);
  ids.acme.business = await businessIdBySlug("acme");
  ids.birch.business = await businessIdBySlug("birch");
  for (const slug of ["acme", "birch"] as const) {
    const runs = await listAllRuns(contexts.get("sysadmin")!, `businessId=${ids[slug].business}`);
    for (const run of runs) allRunIds[slug].add(run.id);
    ids[slug].run = runs.find((run) => run.status === "succeeded")!.id;
  }
  expect(allRunIds.acme.size).toBeGreaterThan(100);
  expect(allRunIds.birch.size).toBeGreaterThan(100);
});

test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
});

function runFor(caller: Caller, target: Target): string {
  const home = HOME[caller] ?? "acme";
  const away = home === "acme" ? "birch" : "acme";
  return {
    own: ids[home].run,
    ownUpperCase: ids[home].run.toUpperCase(),
    other: ids[away].run,
    missing: MISSING_ID,
    malformed: "not-a-run-id",
  }[target];
}

function gateStatus(caller: Caller): number | undefined {
  if (caller === "anonymous") return 401;
  if (caller === "nobody") return 403;
  return undefined;
}

function expectedDetail(caller: Caller, target: Target): number {
  if (gateStatus(caller)) return gateStatus(caller)!;
  if (target === "malformed") return 400;
  if (target === "missing") return 404;
  if (target === "other") return caller === "sysadmin" ? 200 : 404;
  return 200;
}

/** The demo runs used as targets have succeeded, so an allowed cancel or retry is a 409, and changes nothing. */
function expectedManage(caller: Caller, target: Target): number {
  if (gateStatus(caller)) return gateStatus(caller)!;
  if (!MANAGERS.has(caller)) return 403;
  if (target === "malformed") return 400;
  if (target === "missing") return 404;
  if (target === "other") return caller === "sysadmin" ? 409 : 404;
  return 409;
}

/**
 * Bulk by ids: the gate and the role as for one run, then a 200 listing each run's outcome. The
 * target runs have succeeded, so a visible one is "skipped"; another business's run is
 * "not_found", exactly like a missing one.
 */
function expectedBulk(caller: Caller, target: Target): { status: number; outcome?: "skipped" | "not_found" } {
  const refused = gateStatus(caller) ?? (MANAGERS.has(caller) ? undefined : 403);
  if (refused) return { status: refused };
  if (target === "malformed") return { status: 400 };
  if (target === "missing") return { status: 200, outcome: "not_found" };
  if (target === "other") return { status: 200, outcome: caller === "sysadmin" ? "skipped" : "not_found" };
  return { status: 200, outcome: "skipped" };
}

/**
 * Members and admins trigger runs in their active business; only a system admin may name a
 * business, and any business then (a member naming even their own is refused).
 */
function expectedTrigger(caller: Caller, naming: "home" | "away"): number {
  if (gateStatus(caller)) return gateStatus(caller)!;
  if (naming === "away" && caller !== "sysadmin") return 403;
  return 201;
}

/** The same idempotency key a second time answers 200 with the run created the first time. */
function expectedReplay(caller: Caller, naming: "home" | "away"): number {
  const first = expectedTrigger(caller, naming);
  return first === 201 ? 200 : first;
}

async function assertNoLeak(caller: Caller, body: string): Promise<void> {
  const home = HOME[caller];
  if (!home) return;
  const foreign = home === "acme" ? allRunIds.birch : allRunIds.acme;
  if (home === "acme") expect(body).not.toContain(BIRCH_CANARY);
  for (const id of foreign) expect(body, `response leaks run ${id}`).not.toContain(id);
}

const COLLECTION_ROUTES = [
  "/api/job-runs",
  "/api/job-runs?status=succeeded,failed&limit=100",
  "/api/job-runs?q=sync",
  "/api/job-runs/stats?window=30d",
  "/api/job-runs/active",
  "/api/job-runs/recent",
  "/api/job-runs/types",
];

for (const caller of CALLERS) {
  test.describe(`[access] ${caller}`, () => {
    test("GET /api/job-runs/stats/businesses?window=30d", async () => {
      const response = await contexts.get(caller)!.get("/api/job-runs/stats/businesses?window=30d");
      expect(response.status()).toBe(gateStatus(caller) ?? (caller === "sysadmin" ? 200 : 403));
      await description.expectConforms("GET", response);
      const body = await response.text();
      await assertNoLeak(caller, body);
      if (caller === "sysadmin") {
        const { businesses } = JSON.parse(body) as { businesses: { slug: string; runs: number }[] };
        for (const slug of ["acme", "birch"]) expect(businesses.find((row) => row.slug === slug)?.runs).toBeGreaterThan(0);
      } else if (!gateStatus(caller)) {
        expect(body).not.toContain(ids.birch.business);
        expect(JSON.parse(body).error.code).toBe("forbidden");
      }
    });

    for (const route of COLLECTION_ROUTES) {
      test(`GET ${route}`, async () => {
        const response = await contexts.get(caller)!.get(route);
        expect(response.status()).toBe(gateStatus(caller) ?? 200);
        await description.expectConforms("GET", response);
        const body = await response.text();
        await assertNoLeak(caller, body);
        const home = HOME[caller];
        if (response.ok() && home && route.startsWith("/api/job-runs") && !route.includes("/api/job-runs/")) {
          const { runs } = JSON.parse(body) as { runs: { businessId: string }[] };
          expect(runs.length).toBeGreaterThan(0);
          for (const run of runs) expect(run.businessId).toBe(ids[home].business);
        }
      });
    }

    test("GET /api/job-runs/events", async () => {
      // Only PostgreSQL pushes; elsewhere 204 tells the page to keep polling.
      const stream = await openEventStream(contexts.get(caller)!, "/api/job-runs/events");
      try {
        expect(stream.status).toBe(gateStatus(caller) ?? (process.env.TEST_DATABASE === "postgresql" ? 200 : 204));
        expect(description.describesStatus("GET", "/api/job-runs/events", stream.status)).toBe(true);
      } finally {
        stream.close();
      }
    });

    for (const target of TARGETS) {
      test(`GET /api/job-runs/[${target}]`, async () => {
        const response = await contexts.get(caller)!.get(`/api/job-runs/${runFor(caller, target)}`);
        expect(response.status()).toBe(expectedDetail(caller, target));
        await description.expectConforms("GET", response);
        const body = await response.text();
        await assertNoLeak(caller, body);
        if (response.status() === 404) expect(JSON.parse(body)).toEqual({ error: { code: "not_found", message: "Job run not found" } });
      });

      for (const action of ["cancel", "retry"] as const) {
        test(`POST /api/job-runs/[${target}]/${action}`, async () => {
          const response = await contexts.get(caller)!.post(`/api/job-runs/${runFor(caller, target)}/${action}`);
          expect(response.status()).toBe(expectedManage(caller, target));
          await description.expectConforms("POST", response);
          const body = await response.text();
          await assertNoLeak(caller, body);
          expect(JSON.parse(body).error.code).toBeTruthy();
        });
      }
    }

    for (const action of ["cancel", "retry"] as const) {
      test(`POST /api/job-runs/bulk ${action} by ids of every target`, async () => {
        const context = contexts.get(caller)!;
        const auditBefore = await testDb().auditEvent.count();
        for (const target of TARGETS) {
          const id = runFor(caller, target);
          const response = await context.post("/api/job-runs/bulk", { data: { action, ids: [id] } });
          const expected = expectedBulk(caller, target);
          expect(response.status(), target).toBe(expected.status);
          await description.expectConforms("POST", response);
          const body = (await response.json()) as { results?: { id: string; outcome: string }[]; error?: { code: string } };
          if (!expected.outcome) {
            expect(body.error?.code, target).toBeTruthy();
            continue;
          }
          // Only the id the caller sent comes back: a run of another business is described exactly as a missing one.
          const status = expected.outcome === "skipped" ? { status: "succeeded" } : {};
          expect(body.results, target).toEqual([{ id: id.toLowerCase(), outcome: expected.outcome, ...status }]);
        }
        expect(await testDb().auditEvent.count()).toBe(auditBefore);
      });
    }

    test("POST /api/job-runs/bulk dry run by filter, own business and another", async () => {
      const context = contexts.get(caller)!;
      const home = HOME[caller] ?? "acme";
      const away = home === "acme" ? "birch" : "acme";
      const own = await context.post("/api/job-runs/bulk", { data: { action: "retry", dryRun: true, filter: {} } });
      const other = await context.post("/api/job-runs/bulk", { data: { action: "retry", dryRun: true, filter: { businessId: ids[away].business } } });
      const refused = gateStatus(caller) ?? (MANAGERS.has(caller) ? undefined : 403);
      expect(own.status()).toBe(refused ?? 200);
      expect(other.status()).toBe(refused ?? (caller === "sysadmin" ? 200 : 403));
      for (const response of [own, other]) await description.expectConforms("POST", response);
      if (own.ok() && caller !== "sysadmin") {
        // Other suites may add runs meanwhile; the demo data alone has more than a hundred per business.
        expect(((await own.json()) as { matched: number }).matched).toBeGreaterThan(100);
      }
    });

    test("POST /api/job-runs in the caller's business", async () => {
      const data = {
        jobType: "sync-calendar",
        params: { calendar: "front-desk" },
        idempotencyKey: `matrix-${caller}-${SUITE_RUN}`,
        ...(caller === "sysadmin" ? { businessId: ids.acme.business } : {}),
      };
      const context = contexts.get(caller)!;
      const first = await context.post("/api/job-runs", { data });
      expect(first.status()).toBe(expectedTrigger(caller, "home"));
      const again = await context.post("/api/job-runs", { data });
      expect(again.status()).toBe(expectedReplay(caller, "home"));
      for (const response of [first, again]) await description.expectConforms("POST", response);
      const allowed = expectedTrigger(caller, "home") === 201;
      if (allowed) {
        const created = ((await first.json()) as { run: { id: string; businessId: string } }).run;
        expect(created.businessId).toBe(ids[HOME[caller] ?? "acme"].business);
        expect(((await again.json()) as { run: { id: string } }).run.id).toBe(created.id);
      }
      expect(await testDb().jobRun.count({ where: { idempotencyKey: data.idempotencyKey } })).toBe(allowed ? 1 : 0);
    });

    test("GET /api/workers answers a system admin only; everyone else gets the 404 of a missing route", async () => {
      const response = await contexts.get(caller)!.get("/api/workers");
      await description.expectConforms("GET", response);
      const body = await response.text();
      if (caller !== "sysadmin") {
        expect(response.status()).toBe(404);
        expect(JSON.parse(body)).toEqual({ error: { code: "not_found", message: "Not found" } });
        return;
      }
      expect(response.status()).toBe(200);
      const { workers } = JSON.parse(body) as { workers: { id: string }[] };
      expect(workers.length).toBeGreaterThan(0);
    });

    test("GET /api/job-runs/types lists only what the caller may trigger", async () => {
      const response = await contexts.get(caller)!.get("/api/job-runs/types");
      expect(response.status()).toBe(gateStatus(caller) ?? 200);
      await description.expectConforms("GET", response);
      if (!response.ok()) return;
      const { registered } = (await response.json()) as { registered: { type: string }[] };
      expect(registered.map((type) => type.type).sort()).toEqual([...TRIGGERABLE[caller]!].sort());
    });

    test("POST /api/job-runs of an admin-only job type", async () => {
      const key = `retention-${caller}`;
      const response = await contexts.get(caller)!.post("/api/job-runs", {
        data: {
          jobType: "retention-cleanup",
          params: { runRetentionDays: 1 },
          idempotencyKey: key,
          runAt: NEVER,
          ...(caller === "sysadmin" ? { businessId: ids.acme.business } : {}),
        },
      });
      const allowed = TRIGGERABLE[caller]?.includes("retention-cleanup");
      expect([gateStatus(caller) ?? (allowed ? 201 : 403), allowed ? 200 : -1]).toContain(response.status());
      await description.expectConforms("POST", response);
      if (!allowed) expect(await testDb().jobRun.count({ where: { idempotencyKey: key } })).toBe(0);
    });

    test("POST /api/job-runs naming another business", async () => {
      const home = HOME[caller] ?? "acme";
      const away = home === "acme" ? "birch" : "acme";
      const data = { jobType: "sync-calendar", params: { calendar: "x" }, businessId: ids[away].business, idempotencyKey: `away-${caller}-${SUITE_RUN}` };
      const context = contexts.get(caller)!;
      const first = await context.post("/api/job-runs", { data });
      expect(first.status()).toBe(expectedTrigger(caller, "away"));
      const again = await context.post("/api/job-runs", { data });
      expect(again.status()).toBe(expectedReplay(caller, "away"));
      for (const response of [first, again]) await description.expectConforms("POST", response);
      const stored = await testDb().jobRun.findMany({ where: { idempotencyKey: data.idempotencyKey }, select: { businessId: true } });
      expect(stored).toEqual(expectedTrigger(caller, "away") === 201 ? [{ businessId: ids[away].business }] : []);
    });
  });
}
