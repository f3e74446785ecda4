import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { RunQueue } from "../worker/claim";
import { rescueStaleRuns } from "../worker/rescue";
import { seedDemo } from "./seed-demo";

/**
 * The demo's running runs were seeded without a lease, as imported rows are. Once nobody runs them
 * they are rescued like any other, and no attempt may go on saying "running" for a run that is not.
 */

useTempDatabase();

describe("the demo's attempts", () => {
  it("leave no attempt running once the demo's running runs are rescued", async () => {
    await seedDemo(getDb(), { now: Date.now() - 3_600_000 });
    const rescued = await rescueStaleRuns({ queue: new RunQueue(), staleAfterMs: 60_000, batchSize: 1_000 });
    expect(rescued.requeued + rescued.failed).toBeGreaterThan(0);

    const openAttempts = await getDb().jobRunAttempt.findMany({ where: { status: "running" }, select: { runId: true, leaseId: true } });
    const runs = await getDb().jobRun.findMany({
      where: { id: { in: openAttempts.map((attempt) => attempt.runId) } },
      select: { id: true, status: true, leaseId: true },
    });
    const notRunning = openAttempts.filter((attempt) => {
      const run = runs.find((candidate) => candidate.id === attempt.runId);
      return run?.status !== "running" || run.leaseId !== attempt.leaseId;
    });
    expect(notRunning).toEqual([]);
  });
});
