import { describe, expect, it } from "vitest";
import { createLogger } from "../logging/logger";
import { runLogFields } from "../logging/run-fields";
import type { ClaimedRun } from "./claim";
import { runOutcomeLog } from "./run-outcome-log";

const run: ClaimedRun = {
  id: "0b6f3c1e-8d7a-4f59-9a53-3d2f5e1c9a10",
  businessId: "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
  scope: "tenant",
  jobType: "export-report",
  params: { days: 7, recipientEmail: "owner@acme.example", apiKey: "sk-live-0123456789" },
  attempt: 2,
  maxAttempts: 3,
  leaseId: "lease-1",
  workerId: "worker-a",
  triggeredByUserId: "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716",
  idempotencyKey: null,
  parentRunId: null,
  createdAt: new Date("2026-11-30T10:00:00Z"),
  runAt: new Date("2026-11-30T10:00:00Z"),
  startedAt: new Date("2026-11-30T10:00:01Z"),
};

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: "info", destination: { write: (line: string) => void lines.push(line) } });
  return { log: runOutcomeLog(logger.child({ workerId: "worker-a" })), lines };
}

describe("the line a worker writes for a settled run", () => {
  it("names the run, its business, user, job, attempt and outcome, at info for a success", () => {
    const { log, lines } = capture();
    log(run, { status: "succeeded", result: { rows: 3 } });

    expect(lines).toHaveLength(1);
    // The run's own fields are runLogFields' (tested with it); this line adds who settled it and how.
    expect(JSON.parse(lines[0]!)).toMatchObject({
      ...runLogFields(run),
      level: "info",
      workerId: "worker-a",
      status: "succeeded",
      msg: `export-report ${run.id} attempt 2: succeeded`,
    });
  });

  it("is a warning carrying the error for a failure, and never carries a param's value or the result", () => {
    const { log, lines } = capture();
    log(run, { status: "failed", error: "The mail server refused the report" });
    log(run, { status: "succeeded", result: { token: "result-secret-789" } });

    expect(JSON.parse(lines[0]!)).toMatchObject({ level: "warn", status: "failed", error: "The mail server refused the report" });
    for (const line of lines) {
      for (const value of ["owner@acme.example", "sk-live-0123456789", "result-secret-789"]) expect(line).not.toContain(value);
    }
  });
});
