import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { artifactStore } from "../../storage/artifact-store";
import { executeNow } from "../../../test-support/execute-now";
import { createBusiness, queueRun } from "../../../test-support/fixtures";
import { testRegistry } from "../../../test-support/test-jobs";
import { useTempDatabase } from "../../../test-support/use-temp-database";

const { database } = useTempDatabase();
const DAY = 24 * 3600_000;

async function artifact({ businessId, purpose, ageDays, content = "x".repeat(100) }: { businessId: string; purpose: string; ageDays: number; content?: string }) {
  const written = await artifactStore({ businessId }).write({ purpose, fileName: "a.csv", content });
  return getDb().attachment.create({
    data: {
      businessId,
      purpose,
      fileName: "a.csv",
      contentType: "text/csv",
      storageKey: written.storageKey,
      size: written.size,
      sha256: written.sha256,
      createdAt: new Date(Date.now() - ageDays * DAY),
    },
  });
}

async function finishedRun({ businessId, ageDays, status = "succeeded" }: { businessId: string; ageDays: number; status?: string }) {
  const run = await queueRun({ businessId, jobType: "sync-calendar", params: { calendar: "x" } });
  return getDb().jobRun.update({ where: { id: run.id }, data: { status, finishedAt: new Date(Date.now() - ageDays * DAY) } });
}

const fileOf = (businessId: string, storageKey: string) => path.join(database.storageDir, businessId, storageKey);

describe("retention-cleanup", () => {
  it("removes old artifacts, artifacts beyond the newest K per purpose and old finished runs of its business only", async () => {
    const acme = await createBusiness({ artifactRetentionDays: 30, artifactKeepLatest: 2 });
    const birch = await createBusiness({ artifactRetentionDays: 30 });

    const expired = await artifact({ businessId: acme.id, purpose: "run-export", ageDays: 40, content: "e".repeat(250) });
    const exports = [];
    for (const ageDays of [1, 2, 3, 4]) exports.push(await artifact({ businessId: acme.id, purpose: "run-export", ageDays }));
    const summary = await artifact({ businessId: acme.id, purpose: "run-export-summary", ageDays: 5 });
    const birchOld = await artifact({ businessId: birch.id, purpose: "run-export", ageDays: 400 });

    const oldRun = await finishedRun({ businessId: acme.id, ageDays: 200 });
    const oldFailed = await finishedRun({ businessId: acme.id, ageDays: 365, status: "failed" });
    const recentRun = await finishedRun({ businessId: acme.id, ageDays: 10 });
    const oldQueued = await queueRun({ businessId: acme.id, jobType: "sync-calendar", params: { calendar: "x" }, createdAt: new Date(Date.now() - 400 * DAY) });
    const birchRun = await finishedRun({ businessId: birch.id, ageDays: 400 });
    await getDb().jobRunLog.create({ data: { runId: oldRun.id, businessId: acme.id, attempt: 1, message: "old line" } });

    const { outcome } = await executeNow({ jobs: testRegistry(), jobType: "retention-cleanup", businessId: acme.id, params: { runRetentionDays: 180 } });
    expect(outcome).toMatchObject({ status: "succeeded", result: { artifactsDeleted: 3, bytesFreed: 250 + 100 + 100, runsDeleted: 2 } });

    const remaining = await getDb().attachment.findMany({ where: { businessId: acme.id }, select: { id: true } });
    expect(remaining.map((row) => row.id).sort()).toEqual([exports[0]!.id, exports[1]!.id, summary.id].sort());
    expect(existsSync(fileOf(acme.id, expired.storageKey))).toBe(false);
    expect(existsSync(fileOf(acme.id, exports[3]!.storageKey))).toBe(false);
    expect(readFileSync(fileOf(acme.id, exports[0]!.storageKey), "utf8")).toHaveLength(100);

    const runIds = new Set((await getDb().jobRun.findMany({ select: { id: true } })).map((run) => run.id));
    expect(runIds.has(oldRun.id)).toBe(false);
    expect(runIds.has(oldFailed.id)).toBe(false);
    expect(runIds.has(recentRun.id)).toBe(true);
    expect(runIds.has(oldQueued.id)).toBe(true);
    expect(await getDb().jobRunLog.count({ where: { runId: oldRun.id } })).toBe(0);

    // The other business is untouched.
    expect(runIds.has(birchRun.id)).toBe(true);
    expect(await getDb().attachment.findUnique({ where: { id: birchOld.id } })).not.toBeNull();
    expect(existsSync(fileOf(birch.id, birchOld.storageKey))).toBe(true);
  });

  it("reports nothing to do the second time", async () => {
    const business = await createBusiness({ artifactRetentionDays: 1 });
    await artifact({ businessId: business.id, purpose: "run-export", ageDays: 2 });
    const first = await executeNow({ jobs: testRegistry(), jobType: "retention-cleanup", businessId: business.id });
    expect(first.outcome).toMatchObject({ result: { artifactsDeleted: 1 } });
    const second = await executeNow({ jobs: testRegistry(), jobType: "retention-cleanup", businessId: business.id });
    expect(second.outcome).toMatchObject({ status: "succeeded", result: { artifactsDeleted: 0, bytesFreed: 0, runsDeleted: 0 } });
  });
});
