import { beforeAll, describe, expect, it } from "vitest";
import { createBusiness, createUser, queueRun, readRun, waitFor } from "../../test-support/fixtures";
import { installStatementTrace, traceStatements } from "../../test-support/statement-trace";
import { testNoop, testRegistry } from "../../test-support/test-jobs";
import { testDatabaseProvider } from "../../test-support/test-database-provider";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { startWorker } from "./worker";

/**
 * The checks before a handler runs (business active, actor still a member) are answered for the
 * whole claimed batch in one query, not one query per run, and refuse exactly what they did. On
 * PostgreSQL that query is the claim itself.
 */

useTempDatabase();

beforeAll(() => {
  installStatementTrace();
});

describe("start checks", () => {
  it("reads businesses and memberships once for a claimed batch, with the same refusals", async () => {
    const active = await createBusiness();
    const suspended = await createBusiness({ name: "Paused Co", status: "suspended" });
    const member = await createUser({ memberships: [{ businessId: active.id, role: "member" }] });
    const stranger = await createUser();
    const runs = [
      await queueRun({ businessId: active.id, jobType: testNoop.type, triggeredByUserId: member.id }),
      await queueRun({ businessId: active.id, jobType: testNoop.type, triggeredByUserId: member.id }),
      await queueRun({ businessId: active.id, jobType: testNoop.type }),
      await queueRun({ businessId: active.id, jobType: testNoop.type, triggeredByUserId: stranger.id }),
      await queueRun({ businessId: suspended.id, jobType: testNoop.type }),
    ];

    const statements = await traceStatements(async () => {
      const worker = startWorker({
        jobs: testRegistry(),
        concurrency: runs.length,
        pollIntervalMs: 60_000,
        heartbeatMs: 60_000,
        rescueAfterMs: 600_000,
        shutdownGraceMs: 1_000,
        log: () => {},
      });
      try {
        await waitFor(async () => (await Promise.all(runs.map((run) => readRun(run.id)))).every((row) => ["succeeded", "failed"].includes(row.status)), {
          what: "every run to settle",
        });
      } finally {
        await worker.stop();
      }
    });

    const readsMemberships = statements.filter((statement) => /\bmemberships\b/.test(statement.sql));
    const claims = readsMemberships.filter((statement) => /\bUPDATE job_runs\b/.test(statement.sql));
    expect(readsMemberships.length - claims.length).toBe(testDatabaseProvider() === "postgresql" ? 0 : 1);
    const [first, second, untriggered, byStranger, ofSuspended] = await Promise.all(runs.map((run) => readRun(run.id)));
    expect([first?.status, second?.status, untriggered?.status]).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(byStranger).toMatchObject({
      status: "failed",
      errorMessage: "The user who requested this run no longer belongs to the business; the run was not executed.",
    });
    expect(ofSuspended).toMatchObject({ status: "failed", errorMessage: 'Business "Paused Co" is suspended; the run was not executed.' });
  });
});
