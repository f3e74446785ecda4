import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { cancelJobRun } from "@/lib/job-runs/manage-service";
import { businessScope } from "@/lib/tenancy";
import { actorFor, createBusiness, createUser, queueRun, readAttempts, readRun } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { RunQueue, type ClaimedRun, type Completion } from "./claim";
import { CompletionBatcher } from "./completion-batcher";

useTempDatabase();

/** The real queue, counting its completion statements; told to, it refuses batches or one run's completion. */
class CountingQueue extends RunQueue {
  readonly batches: number[] = [];
  singles = 0;
  refuseBatches = false;
  readonly refuseRuns = new Set<string>();

  override async completeMany(completions: Completion[]): Promise<Set<string>> {
    this.batches.push(completions.length);
    if (this.refuseBatches) throw new Error("batch statement refused");
    return super.completeMany(completions);
  }

  override async complete(completion: Completion): Promise<boolean> {
    this.singles += 1;
    if (this.refuseRuns.has(completion.runId)) throw new Error("run refused");
    return super.complete(completion);
  }
}

async function clearQueue() {
  await getDb().jobRun.updateMany({ where: { status: { in: ["queued", "running"] } }, data: { status: "cancelled", leaseId: null } });
}

/** Claims `count` runs of a new business and cancels the last `lost` of them, so their leases are gone. */
async function claimRuns(count: number, lost = 0): Promise<{ settleable: ClaimedRun[]; cancelled: ClaimedRun[] }> {
  await clearQueue();
  const business = await createBusiness();
  const admin = await createUser({ memberships: [{ businessId: business.id, role: "admin" }] });
  for (let index = 0; index < count; index++) await queueRun({ businessId: business.id, jobType: "test-noop" });
  const claimed = await new RunQueue().claim({ workerId: "w1", limit: count });
  expect(claimed).toHaveLength(count);
  const cancelled = claimed.slice(count - lost);
  for (const run of cancelled) await cancelJobRun({ scope: businessScope(business.id), actor: actorFor(admin, business.id), id: run.id });
  return { settleable: claimed.slice(0, count - lost), cancelled };
}

function completionOf(run: ClaimedRun): Completion {
  return { runId: run.id, leaseId: run.leaseId, result: JSON.stringify({ ok: true }) };
}

async function expectSucceeded(runs: ClaimedRun[]) {
  for (const run of runs) {
    expect(await readRun(run.id)).toMatchObject({ status: "succeeded", leaseId: null });
    expect((await readAttempts(run.id)).map((attempt) => attempt.status)).toEqual(["succeeded"]);
  }
}

async function expectStillCancelled(runs: ClaimedRun[]) {
  for (const run of runs) {
    expect(await readRun(run.id)).toMatchObject({ status: "cancelled" });
    expect((await readAttempts(run.id)).map((attempt) => attempt.status)).toEqual(["cancelled"]);
  }
}

describe("the completion batcher", () => {
  it("writes completions that arrive together in one statement and answers each caller for its own run", async () => {
    const { settleable, cancelled } = await claimRuns(6, 2);
    const queue = new CountingQueue();
    const batcher = new CompletionBatcher(queue, { delayMs: 20, maxBatch: 200 });

    const answers = await Promise.all([...settleable, ...cancelled].map((run) => batcher.complete(completionOf(run))));

    expect(answers).toEqual([true, true, true, true, false, false]);
    expect(queue.batches).toEqual([6]);
    expect(queue.singles).toBe(0);
    await expectSucceeded(settleable);
    await expectStillCancelled(cancelled);
  });

  it("splits at the largest batch, and what arrives during a write joins the next one", async () => {
    const { settleable } = await claimRuns(5);
    const queue = new CountingQueue();
    const batcher = new CompletionBatcher(queue, { delayMs: 20, maxBatch: 2 });

    const answers = await Promise.all(settleable.map((run) => batcher.complete(completionOf(run))));

    expect(answers).toEqual([true, true, true, true, true]);
    expect(queue.batches).toEqual([2, 2, 1]);
    await expectSucceeded(settleable);
  });

  it("writes a refused batch one run at a time and still answers every caller, a refused run only its own", async () => {
    const { settleable, cancelled } = await claimRuns(4, 1);
    const queue = new CountingQueue();
    queue.refuseBatches = true;
    const [refused, ...written] = settleable;
    queue.refuseRuns.add(refused!.id);
    const warnings: string[] = [];
    const batcher = new CompletionBatcher(queue, { delayMs: 20, maxBatch: 200, onError: (message) => warnings.push(message) });

    const answers = await Promise.allSettled([...settleable, ...cancelled].map((run) => batcher.complete(completionOf(run))));

    expect(answers.map((answer) => (answer.status === "fulfilled" ? answer.value : "rejected"))).toEqual(["rejected", true, true, false]);
    expect(queue.batches).toEqual([4]);
    expect(queue.singles).toBe(4);
    expect(warnings).toEqual([expect.stringMatching(/A batch of 4 completions failed, writing them one by one: .*batch statement refused/)]);
    await expectSucceeded(written);
    await expectStillCancelled(cancelled);
    expect(await readRun(refused!.id)).toMatchObject({ status: "running", leaseId: refused!.leaseId });
  });

  it("writes what is waiting on close, without waiting out the delay", async () => {
    const { settleable } = await claimRuns(2);
    const queue = new CountingQueue();
    // Far longer than the test may take: only close() can write these.
    const batcher = new CompletionBatcher(queue, { delayMs: 600_000, maxBatch: 200 });

    const answers = Promise.all(settleable.map((run) => batcher.complete(completionOf(run))));
    await batcher.close();

    expect(queue.batches).toEqual([2]);
    expect(await answers).toEqual([true, true]);
    await expectSucceeded(settleable);
  });

  it("once hurried, writes what is waiting and every later success without waiting out the delay", async () => {
    const { settleable } = await claimRuns(2);
    const [first, second] = settleable;
    const queue = new CountingQueue();
    // Far longer than the test may take: only hurry() can write these before it ends.
    const batcher = new CompletionBatcher(queue, { delayMs: 600_000, maxBatch: 200 });

    const firstAnswer = batcher.complete(completionOf(first!));
    batcher.hurry();
    expect(await firstAnswer).toBe(true);
    expect(await batcher.complete(completionOf(second!))).toBe(true);

    expect(queue.batches).toEqual([1, 1]);
    await expectSucceeded(settleable);
  });
});
