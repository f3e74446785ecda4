import { expect, test, type APIRequestContext } from "@playwright/test";
import { contextFor, type Caller } from "../support/contexts";
import { openEventStream } from "../support/event-stream";

/** GET /api/job-runs/events: which run changes each caller is sent (who may open it: access-matrix.spec.ts). */

const PUSHES = process.env.TEST_DATABASE === "postgresql";
const CALLERS: Caller[] = ["acmeMember", "acmeAdmin", "birchAdmin", "sysadmin"];
const NEVER = "2999-01-01T00:00:00.000Z";

const contexts = new Map<Caller, APIRequestContext>();
test.beforeAll(async () => {
  for (const caller of CALLERS) contexts.set(caller, await contextFor(caller));
});
test.afterAll(async () => {
  for (const context of contexts.values()) await context.dispose();
});

async function queueFarAhead(caller: Caller, tag: string): Promise<string> {
  const response = await contexts.get(caller)!.post("/api/job-runs", {
    data: { jobType: "send-appointment-reminders", params: {}, runAt: NEVER, tags: [tag] },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { run: { id: string } }).run.id;
}

test("[access] each stream carries only the run changes of its caller's scope", async () => {
  test.skip(!PUSHES, "Only PostgreSQL pushes run changes");
  const acme = await openEventStream(contexts.get("acmeMember")!, "/api/job-runs/events");
  const birch = await openEventStream(contexts.get("birchAdmin")!, "/api/job-runs/events");
  const all = await openEventStream(contexts.get("sysadmin")!, "/api/job-runs/events");
  try {
    for (const stream of [acme, birch, all]) await stream.readUntil((text) => text.includes(": connected"));
    // Birch's run first: notifications arrive in commit order, so once a stream has Acme's run it
    // would already have had Birch's.
    const birchRun = await queueFarAhead("birchAdmin", "e2e-run-events");
    const acmeRun = await queueFarAhead("acmeAdmin", "e2e-run-events");

    const acmeSaw = await acme.readUntil((text) => text.includes(acmeRun));
    expect(acmeSaw).toContain(`event: run\ndata: {"id":"${acmeRun}"`);
    expect(acmeSaw).not.toContain(birchRun);

    const birchSaw = await birch.readUntil((text) => text.includes(birchRun));
    expect(birchSaw).not.toContain(acmeRun);

    const allSaw = await all.readUntil((text) => text.includes(acmeRun));
    expect(allSaw).toContain(birchRun);
  } finally {
    for (const stream of [acme, birch, all]) stream.close();
  }
});
