import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "../db";
import { inAccess } from "../db/database-access";
import { defineJob } from "../jobs/define-job";
import { metricsRegistry } from "../metrics/registry";
import { createBusiness, queueRun, waitFor } from "../../test-support/fixtures";
import { testRegistry } from "../../test-support/test-jobs";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { RunQueue } from "./claim";
import { startRun } from "./execute-run";
import { LeaseKeeper } from "./lease-keeper";

useTempDatabase();

let releaseHandler: (() => void) | undefined;

const heldJob = defineJob({
  type: "test-held",
  title: "Held",
  description: "Returns once the test lets it.",
  scope: "tenant",
  params: z.object({}).strict(),
  async run() {
    await new Promise<void>((resolve) => (releaseHandler = resolve));
    return { done: true };
  },
});

async function fenceRefusals(write: string): Promise<number> {
  const metric = await metricsRegistry().getSingleMetric("automation_worker_fence_refusals_total")?.get();
  return metric?.values.find((value) => value.labels.write === write)?.value ?? 0;
}

describe("fence refusal metrics", () => {
  it("counts a completion the fence refused because the run was cancelled while its handler ran", async () => {
    const business = await createBusiness();
    const queued = await queueRun({ businessId: business.id, jobType: "test-held" });
    const queue = new RunQueue();
    const run = (await queue.claimById({ runId: queued.id, workerId: "fence-metrics-worker" }))!;
    const before = await fenceRefusals("complete");

    // The lease keeper never beats here, so only the fenced completion can notice the cancel.
    const running = startRun({ run, queue, leases: new LeaseKeeper(queue, 60_000), jobs: testRegistry([heldJob]) });
    const release = await waitFor(() => releaseHandler, { what: "the handler to start" });
    await inAccess({ kind: "all", reason: "test: cancel from outside" }, () =>
      getDb().jobRun.update({ where: { id: run.id }, data: { status: "cancelled", leaseId: null, lockedBy: null } }),
    );
    release();

    expect(await running.settled).toEqual({ status: "cancelled" });
    expect(await fenceRefusals("complete")).toBe(before + 1);
  });
});
