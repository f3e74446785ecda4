import { expect, it } from "vitest";
import { ALL_BUSINESSES, businessScope, scopedDb } from "../tenancy";
import { actorFor, createBusiness, createUser, queueRun, readAttempts, readRun } from "../../test-support/fixtures";
import { RunQueue } from "../worker/claim";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { changeRunsInChunk } from "./bulk-write";
import { CANCEL, RETRY } from "./manage-service";

useTempDatabase();
const db = () => scopedDb(ALL_BUSINESSES);

async function setup(status: string) {
  const business = await createBusiness();
  const admin = await createUser({ memberships: [{ businessId: business.id, role: "admin" }] });
  const ids: string[] = [];
  for (let index = 0; index < 3; index += 1) {
    const run = await queueRun({ businessId: business.id, jobType: "bulk-race" });
    await db().jobRun.update({ where: { id: run.id }, data: { status, attempt: 1 } });
    ids.push(run.id);
  }
  // What the bulk action read before it wrote.
  const read = await db().jobRun.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, attempt: true, maxAttempts: true, businessId: true } });
  return { business, actor: actorFor(admin, business.id), ids, read };
}

const auditedIds = async (ids: string[]) => (await db().auditEvent.findMany({ where: { targetId: { in: ids } } })).map((event) => event.targetId).sort();

it("leaves a run a worker finished after it was read, and audits only the runs it changed", async () => {
  const { business, actor, ids, read } = await setup("queued");
  const [first, raced, third] = ids as [string, string, string];
  await db().jobRun.update({ where: { id: raced }, data: { status: "succeeded", finishedAt: new Date() } });

  const changed = await changeRunsInChunk({ db: scopedDb(businessScope(business.id)), actor, transition: CANCEL, runs: read });

  expect(changed.sort()).toEqual([first, third].sort());
  expect((await readRun(raced)).status).toBe("succeeded");
  expect(await auditedIds(ids)).toEqual([first, third].sort());
});

it("tells its own retry from one another admin made in between, though both leave the run queued", async () => {
  const { business, actor, ids, read } = await setup("failed");
  const [first, raced, third] = ids as [string, string, string];
  await db().jobRun.update({ where: { id: raced }, data: { status: "queued", runAt: new Date(Date.now() - 5_000) } });

  const changed = await changeRunsInChunk({ db: scopedDb(businessScope(business.id)), actor, transition: RETRY, runs: read });

  expect(changed.sort()).toEqual([first, third].sort());
  expect(await auditedIds(ids)).toEqual([first, third].sort());
});

it("closes the open attempt of each running run it cancels, as a single cancel does", async () => {
  const business = await createBusiness();
  const admin = await createUser({ memberships: [{ businessId: business.id, role: "admin" }] });
  const claimed = [];
  for (let index = 0; index < 2; index += 1) {
    const run = await queueRun({ businessId: business.id, jobType: "test-noop" });
    claimed.push((await new RunQueue().claimById({ runId: run.id, workerId: "gone-worker" }))!);
  }
  const read = await db().jobRun.findMany({
    where: { id: { in: claimed.map((run) => run.id) } },
    select: { id: true, status: true, attempt: true, maxAttempts: true, businessId: true },
  });
  expect(read.map((run) => run.status)).toEqual(["running", "running"]);

  await changeRunsInChunk({ db: scopedDb(businessScope(business.id)), actor: actorFor(admin, business.id), transition: CANCEL, runs: read });

  for (const run of claimed) {
    const attempts = await readAttempts(run.id);
    expect(attempts.map((attempt) => attempt.status)).toEqual(["cancelled"]);
    expect(attempts[0]!.finishedAt).not.toBeNull();
  }
});
