import { describe, expect, it } from "vitest";
import { z } from "zod";
import { abortableSleep } from "../jobs/abortable-sleep";
import { defineJob } from "../jobs/define-job";
import { cancelJobRun } from "../job-runs/manage-service";
import { businessScope } from "../tenancy";
import { actorFor, createBusiness, createUser, queueRun, readAttempts, readLogs, readRun, waitFor } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { testRegistry } from "../../test-support/test-jobs";
import { startWorker } from "./worker";

useTempDatabase();
const aborted = new Map<string, unknown>();
const started = new Set<string>();

/** Would run for two minutes; only an abort ends it sooner. */
const longJob = defineJob({
  type: "test-long",
  title: "Long",
  description: "Runs until aborted.",
  scope: "tenant",
  params: z.object({}).strict(),
  timeoutMs: 300_000,
  async run({ runId, signal }) {
    started.add(runId);
    try {
      await abortableSleep(120_000, signal);
    } catch (error) {
      aborted.set(runId, error);
      throw error;
    }
  },
});

describe("cancel from the API", () => {
  it("aborts the running handler through its heartbeat and the run stays cancelled", async () => {
    const business = await createBusiness();
    const admin = await createUser({ memberships: [{ businessId: business.id, role: "admin" }] });
    const run = await queueRun({ businessId: business.id, jobType: "test-long" });
    const worker = startWorker({
      jobs: testRegistry([longJob]),
      concurrency: 2,
      pollIntervalMs: 50,
      heartbeatMs: 250,
      rescueAfterMs: 60_000,
      shutdownGraceMs: 1_000,
      log: () => {},
    });
    try {
      await waitFor(() => started.has(run.id), { what: "the handler to start" });
      await cancelJobRun({ scope: businessScope(business.id), actor: actorFor(admin, business.id), id: run.id });

      // The handler would sleep two minutes; waiting far less proves the cancel reached it.
      await waitFor(() => aborted.has(run.id), { timeoutMs: 15_000, what: "the handler to be aborted" });
      await waitFor(async () => (await readAttempts(run.id))[0]?.status === "cancelled", { what: "the attempt to close" });

      const row = await readRun(run.id);
      expect(row.status).toBe("cancelled");
      expect(row.leaseId).toBeNull();
      expect((await readLogs(run.id)).map((line) => line.message)).toContain("Cancelled while running; the handler was stopped");

      // Nothing re-queues it. A run queued after the cancel shows the worker polled again (it was
      // claimed) and beat its heartbeat again (that run's heartbeat moved on); once the worker has
      // stopped, nothing of it is in flight, and the cancelled run is untouched.
      const later = await queueRun({ businessId: business.id, jobType: "test-long" });
      await waitFor(() => started.has(later.id), { what: "a run queued after the cancel to be claimed" });
      const claimedBeat = (await readRun(later.id)).heartbeatAt!.getTime();
      await waitFor(async () => (await readRun(later.id)).heartbeatAt!.getTime() > claimedBeat, { what: "a heartbeat after the cancel" });
      await worker.stop();
      expect(await readRun(run.id)).toMatchObject({ status: "cancelled", leaseId: null });
      expect((await readAttempts(run.id)).map((attempt) => attempt.status)).toEqual(["cancelled"]);
    } finally {
      await worker.stop();
    }
  });
});
