import { describe, expect, it } from "vitest";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { defineJob } from "../jobs/define-job";
import { currentTenantContext, runInTenantContext } from "../jobs/tenant-context";
import { createBusiness, queueRun, readRun, waitFor } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { testRegistry } from "../../test-support/test-jobs";
import { startWorker } from "./worker";

useTempDatabase();

interface Observation {
  runId: string;
  ownBusiness: string | null;
  step: number;
  contextBusiness: string | null | undefined;
  contextRun: string | undefined;
  visibleRunBusinesses: (string | null)[];
}
const observations: Observation[] = [];

/** Looks at its tenant context and its data access between awaits while other runs interleave. */
const probe = defineJob({
  type: "test-probe",
  title: "Probe",
  description: "Records what it can see.",
  scope: "tenant",
  params: z.object({ steps: z.number().int().min(1).max(20) }).strict(),
  async run({ runId, businessId, db, params }) {
    for (let step = 0; step < params.steps; step++) {
      const visible = await db.jobRun.findMany({ select: { businessId: true }, take: 50 });
      observations.push({
        runId,
        ownBusiness: businessId,
        step,
        contextBusiness: currentTenantContext()?.businessId,
        contextRun: currentTenantContext()?.runId,
        visibleRunBusinesses: visible.map((row) => row.businessId),
      });
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
    return { steps: params.steps };
  },
});

describe("tenant context", () => {
  it("does not leak between interleaved runs of two businesses in one worker", async () => {
    const acme = await createBusiness({ name: "Acme" });
    const birch = await createBusiness({ name: "Birch" });
    const runs: Awaited<ReturnType<typeof queueRun>>[] = [];
    for (let index = 0; index < 12; index++) {
      runs.push(await queueRun({ businessId: index % 2 ? birch.id : acme.id, jobType: "test-probe", params: { steps: 6 } }));
    }
    const worker = startWorker({
      jobs: testRegistry([probe]),
      concurrency: 4,
      pollIntervalMs: 20,
      heartbeatMs: 500,
      rescueAfterMs: 60_000,
      shutdownGraceMs: 1_000,
      log: () => {},
    });
    try {
      await waitFor(async () => (await getDb().jobRun.count({ where: { id: { in: runs.map((run) => run.id) }, status: "succeeded" } })) === runs.length, {
        timeoutMs: 60_000,
        what: "all probe runs to succeed",
      });
    } finally {
      await worker.stop();
    }

    expect(observations).toHaveLength(12 * 6);
    // Runs of both businesses were in flight at the same time.
    const interleaved = observations.some((seen, index) => index > 0 && observations[index - 1]!.ownBusiness !== seen.ownBusiness);
    expect(interleaved).toBe(true);
    for (const seen of observations) {
      const run = runs.find((candidate) => candidate.id === seen.runId)!;
      expect(seen.ownBusiness).toBe(run.businessId);
      expect(seen.contextBusiness).toBe(run.businessId);
      expect(seen.contextRun).toBe(run.id);
      expect(seen.visibleRunBusinesses.length).toBeGreaterThan(0);
      expect(new Set(seen.visibleRunBusinesses)).toEqual(new Set([run.businessId]));
    }
    expect(currentTenantContext()).toBeUndefined();
    for (const run of runs) expect((await readRun(run.id)).status).toBe("succeeded");
  });

  it("refuses to start a run inside another run's context", () => {
    const outer = { businessId: "a", runId: "run-a", attempt: 1, jobType: "x" };
    const inner = { businessId: "b", runId: "run-b", attempt: 1, jobType: "x" };
    expect(() => runInTenantContext(outer, () => runInTenantContext(inner, () => "leaked"))).toThrow(/inside the context of run run-a/);
    expect(runInTenantContext(outer, () => currentTenantContext()?.businessId)).toBe("a");
    expect(currentTenantContext()).toBeUndefined();
  });

  it("keeps the context of a run in callbacks it scheduled, and nowhere else", async () => {
    const seen: (string | null | undefined)[] = [];
    await runInTenantContext({ businessId: "a", runId: "run-a", attempt: 1, jobType: "x" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(currentTenantContext()?.businessId);
    });
    seen.push(currentTenantContext()?.businessId);
    expect(seen).toEqual(["a", undefined]);
  });
});
