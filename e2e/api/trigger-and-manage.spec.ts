import { expect, test } from "@playwright/test";
import { businessIdBySlug, testDb } from "../support/db";
import { contextFor } from "../support/contexts";

const LATER = "2099-01-01T00:00:00.000Z";

test("[runs] an idempotency key returns the existing run with 200, per business", async () => {
  const acme = await contextFor("acmeMember");
  const birch = await contextFor("birchAdmin");
  const data = { jobType: "sync-calendar", params: { calendar: "front-desk" }, idempotencyKey: `nightly-${Date.now()}`, runAt: LATER };
  const first = await acme.post("/api/job-runs", { data });
  const second = await acme.post("/api/job-runs", { data });
  const otherBusiness = await birch.post("/api/job-runs", { data });
  expect(first.status()).toBe(201);
  expect(second.status()).toBe(200);
  expect(otherBusiness.status()).toBe(201);
  const [a, b, c] = await Promise.all([first.json(), second.json(), otherBusiness.json()]);
  expect(b.run.id).toBe(a.run.id);
  expect(c.run.id).not.toBe(a.run.id);
  expect(await testDb().jobRun.count({ where: { idempotencyKey: data.idempotencyKey } })).toBe(2);
});

test("[runs] a reused idempotency key with another job type or other params is a 409", async () => {
  const acme = await contextFor("acmeMember");
  const data = { jobType: "sync-calendar", params: { calendar: "front-desk" }, idempotencyKey: `reused-${Date.now()}`, runAt: LATER };
  expect((await acme.post("/api/job-runs", { data })).status()).toBe(201);
  for (const changed of [{ ...data, params: { calendar: "back-office" } }, { ...data, jobType: "send-appointment-reminders", params: {} }]) {
    const response = await acme.post("/api/job-runs", { data: changed });
    expect(response.status()).toBe(409);
    expect((await response.json()).error.code).toBe("idempotency_conflict");
  }
  expect(await testDb().jobRun.count({ where: { idempotencyKey: data.idempotencyKey } })).toBe(1);
});

test("[runs] a trigger writes its audit event with the run", async () => {
  const acme = await contextFor("acmeAdmin");
  const response = await acme.post("/api/job-runs", { data: { jobType: "sync-calendar", params: { calendar: "audit" }, runAt: LATER } });
  const { run } = await response.json();
  const detail = await (await acme.get(`/api/job-runs/${run.id}`)).json();
  expect(detail.audit.map((event: { action: string }) => event.action)).toEqual(["run.triggered"]);
  expect(detail.audit[0].actorEmail).toBe("admin@acme.example");
});

test("[runs] an admin cancels a queued run and retries it; each step is audited", async () => {
  const admin = await contextFor("acmeAdmin");
  const member = await contextFor("acmeMember");
  const { run } = await (
    await admin.post("/api/job-runs", { data: { jobType: "send-appointment-reminders", params: {}, runAt: LATER } })
  ).json();

  expect((await member.post(`/api/job-runs/${run.id}/cancel`)).status()).toBe(403);
  const cancelled = await admin.post(`/api/job-runs/${run.id}/cancel`);
  expect(cancelled.status()).toBe(200);
  expect((await cancelled.json()).run.status).toBe("cancelled");
  expect((await admin.post(`/api/job-runs/${run.id}/cancel`)).status()).toBe(409);

  const retried = await admin.post(`/api/job-runs/${run.id}/retry`);
  expect(retried.status()).toBe(200);
  expect((await retried.json()).run.status).toBe("queued");

  const audit = await testDb().auditEvent.findMany({ where: { targetId: run.id }, orderBy: { createdAt: "asc" } });
  expect(audit.map((event) => event.action)).toEqual(["run.triggered", "run.cancelled", "run.retried"]);
  expect(new Set(audit.map((event) => event.businessId))).toEqual(new Set([await businessIdBySlug("acme")]));
});

test("[runs] system admins choose the business or a system run; tenant jobs need a business", async () => {
  const sysadmin = await contextFor("sysadmin");
  const birchId = await businessIdBySlug("birch");
  const inBirch = await sysadmin.post("/api/job-runs", {
    data: { jobType: "sync-calendar", params: { calendar: "x" }, businessId: birchId, runAt: LATER },
  });
  expect(inBirch.status()).toBe(201);
  expect((await inBirch.json()).run.businessId).toBe(birchId);

  const system = await sysadmin.post("/api/job-runs", { data: { jobType: "vacuum-database", params: {}, runAt: LATER } });
  expect(system.status()).toBe(201);
  expect((await system.json()).run).toMatchObject({ businessId: null, scope: "system" });

  const noBusiness = await sysadmin.post("/api/job-runs", { data: { jobType: "sync-calendar", params: { calendar: "x" } } });
  expect(noBusiness.status()).toBe(400);
  const tenantAsSystem = await sysadmin.post("/api/job-runs", {
    data: { jobType: "sync-calendar", params: { calendar: "x" }, businessId: null },
  });
  expect(tenantAsSystem.status()).toBe(400);

  const member = await contextFor("acmeMember");
  expect((await member.post("/api/job-runs", { data: { jobType: "vacuum-database", params: {} } })).status()).toBe(403);
  const types = await (await member.get("/api/job-runs/types")).json();
  expect(types.registered.map((type: { type: string }) => type.type)).not.toContain("vacuum-database");
});

test("[runs] bad input gets a clear 4xx and the one error shape", async () => {
  const acme = await contextFor("acmeAdmin");
  const cases: { body: string; contentType: string; status: number; code: string }[] = [
    { body: "{", contentType: "application/json", status: 400, code: "bad_request" },
    { body: "jobType=x", contentType: "application/x-www-form-urlencoded", status: 415, code: "unsupported_media_type" },
    { body: JSON.stringify({ jobType: "nope", params: {} }), contentType: "application/json", status: 400, code: "bad_request" },
    { body: JSON.stringify({ jobType: "sync-calendar", params: { calendar: 5 } }), contentType: "application/json", status: 400, code: "bad_request" },
    { body: JSON.stringify({ jobType: "sync-calendar", params: { calendar: "x" }, extra: 1 }), contentType: "application/json", status: 400, code: "bad_request" },
    { body: JSON.stringify({ jobType: "sync-calendar", params: { calendar: "x" }, runAt: "tomorrow" }), contentType: "application/json", status: 400, code: "bad_request" },
    { body: JSON.stringify({ jobType: "sync-calendar", params: { calendar: "x" }, priority: 1e9 }), contentType: "application/json", status: 400, code: "bad_request" },
  ];
  for (const { body, contentType, status, code } of cases) {
    const response = await acme.post("/api/job-runs", { data: body, headers: { "content-type": contentType } });
    expect(response.status(), body).toBe(status);
    const json = await response.json();
    expect(json.error.code).toBe(code);
    expect(typeof json.error.message).toBe("string");
  }
  const paramsError = await (
    await acme.post("/api/job-runs", { data: { jobType: "sync-calendar", params: { calendar: 5 } } })
  ).json();
  expect(paramsError.error.issues).toEqual([{ path: "params.calendar", message: expect.any(String) }]);

  for (const query of ["status=bogus", "limit=0", "limit=101", "from=yesterday", "cursor=%%%", "businessId=system", "nope=1"]) {
    const response = await acme.get(`/api/job-runs?${query}`);
    expect([400, 403], query).toContain(response.status());
  }
});

test("[runs] a deleted run, a missing run and another business's run get the same 404 body", async () => {
  const acme = await contextFor("acmeAdmin");
  const birch = await contextFor("birchAdmin");
  const { run } = await (await acme.post("/api/job-runs", { data: { jobType: "sync-calendar", params: { calendar: "gone" }, runAt: LATER } })).json();
  const { run: birchRun } = await (await birch.post("/api/job-runs", { data: { jobType: "sync-calendar", params: { calendar: "b" }, runAt: LATER } })).json();
  await testDb().jobRun.delete({ where: { id: run.id } });

  const bodies = await Promise.all(
    [run.id, birchRun.id, "6a1e7f3c-1111-4222-8333-444455556666"].map(async (id) => {
      const response = await acme.get(`/api/job-runs/${id}`);
      expect(response.status()).toBe(404);
      return response.text();
    }),
  );
  expect(new Set(bodies).size).toBe(1);
});
