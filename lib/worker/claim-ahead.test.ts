import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { abortableSleep } from "../jobs/abortable-sleep";
import { defineJob } from "../jobs/define-job";
import { cancelJobRun } from "../job-runs/manage-service";
import { businessScope } from "../tenancy";
import { actorFor, createBusiness, createUser, queueRun, readAttempts, readRun, waitFor } from "../../test-support/fixtures";
import { testRegistry } from "../../test-support/test-jobs";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { ActiveRuns } from "./active-runs";
import { RunQueue } from "./claim";
import { LeaseKeeper } from "./lease-keeper";
import { startWorker, type WorkerHandle } from "./worker";

useTempDatabase();

const started: string[] = [];
let gateOpen = false;

/** Holds until the test opens the gate, or until aborted; records which runs reached their handler. */
const heldJob = defineJob({
  type: "test-held",
  title: "Held",
  description: "Waits until the test lets it finish.",
  scope: "tenant",
  params: z.object({}).strict(),
  timeoutMs: 120_000,
  async run({ runId, signal }) {
    started.push(runId);
    while (!gateOpen) await abortableSleep(10, signal);
    return { passed: true };
  },
});
const jobs = testRegistry([heldJob]);

let worker: WorkerHandle | undefined;

afterEach(async () => {
  gateOpen = true;
  await worker?.stop({ graceMs: 1_000 });
  worker = undefined;
  started.length = 0;
  gateOpen = false;
});

async function queueHeldRuns(count: number) {
  await getDb().jobRun.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "cancelled", leaseId: null } });
  const business = await createBusiness();
  const runs = [];
  for (let index = 0; index < count; index++) runs.push(await queueRun({ businessId: business.id, jobType: "test-held" }));
  return { business, ids: runs.map((run) => run.id) };
}

async function statuses(ids: string[]): Promise<string[]> {
  return Promise.all(ids.map(async (id) => (await readRun(id)).status));
}

/** One slot and two runs claimed ahead, over four queued runs: one starts, two wait, one stays queued. */
async function startHoldingWorker() {
  const { business, ids } = await queueHeldRuns(4);
  worker = startWorker({
    jobs,
    concurrency: 1,
    claimAhead: 2,
    pollIntervalMs: 50,
    heartbeatMs: 200,
    rescueAfterMs: 60_000,
    shutdownGraceMs: 10_000,
    log: () => {},
  });
  await waitFor(async () => started.length === 1 && (await statuses(ids)).filter((status) => status === "running").length === 3, {
    what: "one run to start and two more to be claimed",
  });
  const [held] = started;
  const waiting: string[] = [];
  for (const id of ids) if (id !== held && (await readRun(id)).status === "running") waiting.push(id);
  const queued = ids.find((id) => id !== held && !waiting.includes(id))!;
  return { business, worker, held: held!, waiting, queued };
}

describe("claiming ahead of free slots", () => {
  it("holds the runs claimed ahead as running, and hands them back at once on stop without using an attempt", async () => {
    const { held, waiting, queued, worker } = await startHoldingWorker();
    for (const id of [held, ...waiting]) {
      expect(await readRun(id)).toMatchObject({ status: "running", attempt: 1 });
      expect((await readAttempts(id)).map((attempt) => attempt.status)).toEqual(["running"]);
    }
    expect(await readRun(queued)).toMatchObject({ status: "queued", attempt: 0 });
    expect(await readAttempts(queued)).toEqual([]);

    const stopped = worker.stop({ graceMs: 10_000 });
    // The runs that never started are back in the queue while the held one still has its grace period.
    await waitFor(async () => (await statuses(waiting)).every((status) => status === "queued"), { what: "the waiting runs to be handed back" });
    expect(await readRun(held)).toMatchObject({ status: "running" });
    gateOpen = true;

    expect(await stopped).toEqual({ finished: 1, aborted: 0, unstarted: 2 });
    expect(await readRun(held)).toMatchObject({ status: "succeeded", attempt: 1 });
    for (const id of waiting) {
      expect(await readRun(id)).toMatchObject({ status: "queued", attempt: 0, leaseId: null, lockedBy: null, startedAt: null });
      expect((await readAttempts(id)).map((attempt) => attempt.status)).toEqual(["released"]);
    }
    expect(started).toEqual([held]);
  });

  it("on a short grace aborts the running one and releases it with the unstarted ones", async () => {
    const { held, waiting, queued, worker } = await startHoldingWorker();

    expect(await worker.stop({ graceMs: 200 })).toEqual({ finished: 0, aborted: 1, unstarted: 2 });

    for (const id of [held, ...waiting]) {
      expect(await readRun(id)).toMatchObject({ status: "queued", attempt: 0, leaseId: null });
      expect((await readAttempts(id)).map((attempt) => attempt.status)).toEqual(["released"]);
    }
    expect(await readRun(queued)).toMatchObject({ status: "queued", attempt: 0 });
    expect(started).toEqual([held]);
  });

  it("never starts a waiting run that was cancelled from the API", async () => {
    const { business, held, waiting, worker } = await startHoldingWorker();
    const [cancelled, next] = waiting;
    const admin = await createUser({ memberships: [{ businessId: business.id, role: "admin" }] });
    await cancelJobRun({ scope: businessScope(business.id), actor: actorFor(admin, business.id), id: cancelled! });
    // Two heartbeats: the first after the cancel drops the run from the waiting ones.
    await new Promise((resolve) => setTimeout(resolve, 2 * 200 + 100));

    gateOpen = true;
    await waitFor(async () => (await readRun(next!)).status === "succeeded", { what: "the other waiting run to run" });
    await worker.stop();

    expect(started).not.toContain(cancelled);
    expect(started.slice(0, 2)).toEqual([held, next]);
    expect(await readRun(cancelled!)).toMatchObject({ status: "cancelled", leaseId: null, attempt: 1 });
    expect((await readAttempts(cancelled!)).map((attempt) => attempt.status)).toEqual(["cancelled"]);
  });
});

describe("the runs a worker holds", () => {
  it("drops a cancelled waiting run at the next heartbeat", async () => {
    const { business, ids } = await queueHeldRuns(3);
    const queue = new RunQueue();
    const leases = new LeaseKeeper(queue, 600_000);
    const runs = new ActiveRuns({ queue, leases, concurrency: 1, jobs, onSlotFreed: () => {}, log: () => {} });
    const claimed = await queue.claim({ workerId: "w1", limit: 3 });
    expect(claimed.map((run) => run.id).sort()).toEqual([...ids].sort());

    runs.launch(claimed);
    expect({ running: runs.size, waiting: runs.waiting }).toEqual({ running: 1, waiting: 2 });
    const [, cancelled, next] = claimed;
    const admin = await createUser({ memberships: [{ businessId: business.id, role: "admin" }] });
    await cancelJobRun({ scope: businessScope(business.id), actor: actorFor(admin, business.id), id: cancelled!.id });
    await leases.beat();
    expect({ running: runs.size, waiting: runs.waiting }).toEqual({ running: 1, waiting: 1 });

    gateOpen = true;
    await waitFor(async () => (await readRun(next!.id)).status === "succeeded", { what: "the other waiting run to run" });
    expect(await runs.drain(1_000, new Promise(() => {}))).toEqual({ finished: 0, aborted: 0, unstarted: 0 });
    expect(started).toEqual([claimed[0]!.id, next!.id]);
    expect(await readRun(cancelled!.id)).toMatchObject({ status: "cancelled" });
  });
});

/** Finishes at once; records which runs reached their handler. */
const quickJob = defineJob({
  type: "test-quick",
  title: "Quick",
  description: "Returns at once.",
  scope: "tenant",
  params: z.object({}).strict(),
  async run({ runId }) {
    started.push(runId);
    return { done: true };
  },
});

/** A queue whose successes are not written until the test opens the gate: a database that fell behind. */
class HeldWritesQueue extends RunQueue {
  heartbeats = 0;
  private openGate: () => void = () => {};
  private readonly gate = new Promise<void>((resolve) => (this.openGate = resolve));

  open(): void {
    this.openGate();
  }

  override async completeMany(completions: Parameters<RunQueue["completeMany"]>[0]): Promise<Set<string>> {
    await this.gate;
    return super.completeMany(completions);
  }

  override heartbeat(leases: Parameters<RunQueue["heartbeat"]>[0]): Promise<Set<string>> {
    this.heartbeats += 1;
    return super.heartbeat(leases);
  }
}

describe("a worker whose successes are not being written", () => {
  it("stops claiming once it holds twice its slots and runs claimed ahead, and resumes when they are written", async () => {
    await getDb().jobRun.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "cancelled", leaseId: null } });
    const business = await createBusiness();
    const ids: string[] = [];
    for (let index = 0; index < 20; index++) ids.push((await queueRun({ businessId: business.id, jobType: "test-quick" })).id);
    const queue = new HeldWritesQueue();
    worker = startWorker({
      jobs: testRegistry([quickJob]),
      queue,
      concurrency: 1,
      claimAhead: 2,
      pollIntervalMs: 20,
      heartbeatMs: 50,
      rescueAfterMs: 60_000,
      shutdownGraceMs: 10_000,
      log: () => {},
    });

    // One slot and two ahead: three held, and as many again finished but unwritten.
    await waitFor(async () => started.length >= 6, { what: "six runs to finish their handlers" });
    const beatsThen = queue.heartbeats;
    await waitFor(async () => queue.heartbeats >= beatsThen + 5, { what: "five more heartbeats while the writes are held" });
    expect(started).toHaveLength(6);
    expect((await statuses(ids)).filter((status) => status === "queued")).toHaveLength(14);

    queue.open();
    await waitFor(async () => (await statuses(ids)).every((status) => status === "succeeded"), { what: "every run to succeed once written" });
    expect(new Set(started).size).toBe(20);
  });
});
