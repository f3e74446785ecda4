import { describe, expect, it } from "vitest";
import { NO_STORAGE } from "../storage/job-storage";
import type { ClaimedRun } from "./claim";
import { buildJobContext } from "./run-context";

function claimed(businessId: string | null): ClaimedRun {
  const at = new Date("2026-11-30T10:00:00Z");
  return {
    id: "0b6f3c1e-8d7a-4f59-9a53-3d2f5e1c9a10",
    businessId,
    scope: businessId ? "tenant" : "system",
    jobType: "export-report",
    params: {},
    attempt: 1,
    maxAttempts: 3,
    leaseId: "lease-1",
    workerId: "worker-a",
    triggeredByUserId: null,
    idempotencyKey: null,
    parentRunId: null,
    createdAt: at,
    runAt: at,
    startedAt: at,
  };
}

function contextOf(run: ClaimedRun) {
  return buildJobContext({ run, params: {}, signal: new AbortController().signal, log: { info() {}, warn() {}, error() {} } as never, progress: async () => {} });
}

describe("a run's job context", () => {
  it("hands the handler one scoped client and one storage however often it reads them", () => {
    const context = contextOf(claimed("7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f"));

    expect(context.db).toBe(context.db);
    expect(context.storage).toBe(context.storage);
    expect(context.storage).not.toBe(NO_STORAGE);
  });

  it("gives a system run no storage", () => {
    expect(contextOf(claimed(null)).storage).toBe(NO_STORAGE);
  });
});
