import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createDb, getDb, type Db } from "@/lib/db";
import { cancelJobRun } from "@/lib/job-runs/manage-service";
import { businessScope } from "@/lib/tenancy";
import { actorFor, createBusiness, createUser, queueRun, readAttempts, readRun } from "../../../test-support/fixtures";
import { testDatabaseProvider } from "../../../test-support/test-database-provider";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { rescueStaleRuns } from "../rescue";
import { RunQueue } from "./run-queue";

/**
 * A run and its attempt row change together or not at all. To prove it, the attempt table is made
 * to refuse the write, as a worker killed between two statements would leave it: the run must then
 * keep its previous state.
 */

const { database } = useTempDatabase();
const extraClients: Db[] = [];
const postgres = testDatabaseProvider() === "postgresql";

afterAll(async () => {
  await Promise.all(extraClients.map((client) => client.$disconnect()));
});

afterEach(async () => {
  await allowAttemptWrites();
});

async function clearQueue() {
  await getDb().jobRun.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "cancelled", leaseId: null } });
}

async function refuseAttemptWrites(event: "INSERT" | "UPDATE") {
  if (postgres) {
    await getDb().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION refuse_attempt_write() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'attempt write refused'; END $$ LANGUAGE plpgsql`);
    await getDb().$executeRawUnsafe(`CREATE TRIGGER refuse_attempt_write BEFORE ${event} ON job_run_attempts FOR EACH ROW EXECUTE FUNCTION refuse_attempt_write()`);
  } else {
    await getDb().$executeRawUnsafe(`CREATE TRIGGER refuse_attempt_write BEFORE ${event} ON job_run_attempts BEGIN SELECT RAISE(ABORT, 'attempt write refused'); END`);
  }
}

async function allowAttemptWrites() {
  await getDb().$executeRawUnsafe(postgres ? `DROP TRIGGER IF EXISTS refuse_attempt_write ON job_run_attempts` : `DROP TRIGGER IF EXISTS refuse_attempt_write`);
}

async function claimSeqs(ids: string[]) {
  const rows = await getDb().jobRun.findMany({ where: { id: { in: ids } }, select: { claimSeq: true } });
  return rows.map((row) => row.claimSeq);
}

describe("claim", () => {
  it("takes no run when its attempt row cannot be written", async () => {
    await clearQueue();
    const business = await createBusiness();
    const run = await queueRun({ businessId: business.id, jobType: "test-noop" });
    await refuseAttemptWrites("INSERT");

    await expect(new RunQueue().claim({ workerId: "w1", limit: 5 })).rejects.toThrow();
    await expect(new RunQueue().claimById({ runId: run.id, workerId: "w1" })).rejects.toThrow();
    expect(await readRun(run.id)).toMatchObject({ status: "queued", attempt: 0, leaseId: null });
  });

  it("gives every run of a batch its own place in the claim order", async () => {
    await clearQueue();
    const business = await createBusiness();
    const ids = [];
    for (let index = 0; index < 6; index++) ids.push((await queueRun({ businessId: business.id, jobType: "test-noop" })).id);

    const claimed = await new RunQueue().claim({ workerId: "w1", limit: 6 });
    expect(claimed).toHaveLength(6);
    const seqs = await claimSeqs(ids);
    expect(new Set(seqs).size).toBe(6);
    expect(seqs.every((seq) => seq !== null)).toBe(true);
  });

  it("gives runs claimed on separate connections at the same time distinct places in the claim order", async () => {
    await clearQueue();
    const businesses = [await createBusiness(), await createBusiness(), await createBusiness()];
    const ids: string[] = [];
    for (let index = 0; index < 60; index++) ids.push((await queueRun({ businessId: businesses[index % 3]!.id, jobType: "test-noop" })).id);
    const queues = [0, 1, 2].map(() => {
      const client = createDb(database.url);
      extraClients.push(client);
      return new RunQueue(client);
    });
    await Promise.all(
      queues.map(async (queue, index) => {
        while ((await queue.claim({ workerId: `w${index}`, limit: 2 })).length > 0);
      }),
    );
    const seqs = await claimSeqs(ids);
    expect(seqs.every((seq) => seq !== null)).toBe(true);
    expect(new Set(seqs).size).toBe(ids.length);
  });
});

describe("rescue", () => {
  it("leaves a stalled run running when its attempt cannot be closed", async () => {
    await clearQueue();
    const business = await createBusiness();
    const run = await queueRun({ businessId: business.id, jobType: "test-noop" });
    const claimed = (await new RunQueue().claimById({ runId: run.id, workerId: "dead-worker" }))!;
    await getDb().jobRun.update({ where: { id: run.id }, data: { heartbeatAt: new Date(Date.now() - 600_000) } });
    await refuseAttemptWrites("UPDATE");

    await expect(rescueStaleRuns({ queue: new RunQueue(), staleAfterMs: 30_000 })).rejects.toThrow();
    expect(await readRun(run.id)).toMatchObject({ status: "running", leaseId: claimed.leaseId });
  });

  it("closes the open attempt of a running run that has no lease (imported or seeded rows)", async () => {
    await clearQueue();
    const business = await createBusiness();
    const run = await queueRun({ businessId: business.id, jobType: "test-noop", maxAttempts: 1 });
    const stale = new Date(Date.now() - 600_000);
    await getDb().jobRun.update({ where: { id: run.id }, data: { status: "running", attempt: 1, startedAt: stale, heartbeatAt: stale } });
    await getDb().jobRunAttempt.create({
      data: { runId: run.id, businessId: business.id, attempt: 1, workerId: "imported", leaseId: "imported-1", status: "running", startedAt: stale },
    });

    expect(await rescueStaleRuns({ queue: new RunQueue(), staleAfterMs: 30_000 })).toEqual({ requeued: 0, failed: 1 });
    expect(await readRun(run.id)).toMatchObject({ status: "failed" });
    const [attempt] = await readAttempts(run.id);
    expect(attempt).toMatchObject({ status: "rescued" });
    expect(attempt?.finishedAt).not.toBeNull();
  });
});

describe("cancel", () => {
  it("closes the attempt of a running run, so a dead worker's attempt does not stay running", async () => {
    await clearQueue();
    const business = await createBusiness();
    const admin = await createUser({ memberships: [{ businessId: business.id, role: "admin" }] });
    const run = await queueRun({ businessId: business.id, jobType: "test-noop" });
    await new RunQueue().claimById({ runId: run.id, workerId: "gone-worker" });

    await cancelJobRun({ scope: businessScope(business.id), actor: actorFor(admin, business.id), id: run.id });
    const [attempt] = await readAttempts(run.id);
    expect(attempt).toMatchObject({ status: "cancelled" });
    expect(attempt?.finishedAt).not.toBeNull();
  });
});
