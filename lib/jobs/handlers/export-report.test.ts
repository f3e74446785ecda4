import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { executeNow } from "../../../test-support/execute-now";
import { createBusiness, queueRun } from "../../../test-support/fixtures";
import { testRegistry } from "../../../test-support/test-jobs";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { csvField } from "../reports/csv";

const { database } = useTempDatabase();
const DAY = 24 * 3600_000;

interface ExportResult {
  rows: number;
  from: string;
  to: string;
  attachments: { csv: string; summary: string };
}

describe("export-report", () => {
  it("exports only its business's runs in the range, as CSV plus a JSON summary with Attachment rows", async () => {
    const acme = await createBusiness({ name: "Acme" });
    const birch = await createBusiness({ name: "Birch" });
    const now = Date.now();
    const recent = await queueRun({ businessId: acme.id, jobType: "sync-calendar", params: { calendar: "a" }, createdAt: new Date(now - 2 * DAY) });
    const old = await queueRun({ businessId: acme.id, jobType: "sync-calendar", params: { calendar: "a" }, createdAt: new Date(now - 20 * DAY) });
    const foreign = await queueRun({ businessId: birch.id, jobType: "sync-calendar", params: { calendar: "b" }, createdAt: new Date(now - DAY) });
    await getDb().jobRun.update({ where: { id: recent.id }, data: { status: "failed", errorMessage: '=HYPERLINK("http://x")' } });

    const { runId, outcome } = await executeNow({ jobs: testRegistry(), jobType: "export-report", businessId: acme.id, params: { days: 7 } });
    expect(outcome.status).toBe("succeeded");
    const result = (outcome as { result: ExportResult }).result;
    expect(result.rows).toBe(1);
    expect(new Date(result.to).getTime() - new Date(result.from).getTime()).toBe(7 * DAY);

    const attachments = await getDb().attachment.findMany({ where: { runId }, orderBy: { purpose: "asc" } });
    expect(attachments.map((row) => row.purpose)).toEqual(["run-export", "run-export-summary"]);
    for (const row of attachments) {
      expect(row.businessId).toBe(acme.id);
      const file = readFileSync(path.join(database.storageDir, acme.id, row.storageKey));
      expect(file.byteLength).toBe(row.size);
    }
    const csv = readFileSync(path.join(database.storageDir, acme.id, attachments[0]!.storageKey), "utf8");
    expect(csv).toContain(recent.id);
    expect(csv).not.toContain(old.id);
    expect(csv).not.toContain(foreign.id);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    const summary = JSON.parse(readFileSync(path.join(database.storageDir, acme.id, attachments[1]!.storageKey), "utf8"));
    expect(summary).toMatchObject({ businessId: acme.id, totalRuns: 1, byStatus: { failed: 1 }, byJobType: { "sync-calendar": { total: 1 } } });
  });

  it("accepts an explicit range and the seed's params, and refuses bad ones", async () => {
    const acme = await createBusiness();
    const explicit = await executeNow({
      jobs: testRegistry(),
      jobType: "export-report",
      businessId: acme.id,
      params: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z" },
    });
    expect(explicit.outcome).toMatchObject({ status: "succeeded", result: { from: "2026-01-01T00:00:00.000Z", to: "2026-02-01T00:00:00.000Z" } });
    const seeded = await executeNow({ jobs: testRegistry(), jobType: "export-report", businessId: acme.id, params: { days: 30, format: "csv" } });
    expect(seeded.outcome.status).toBe("succeeded");
    for (const params of [{ days: 0 }, { days: 91 }, { from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }, { format: "xlsx" }]) {
      const refused = await executeNow({ jobs: testRegistry(), jobType: "export-report", businessId: acme.id, params });
      expect(refused.outcome.status, JSON.stringify(params)).toBe("failed");
    }
  });
});

describe("csvField", () => {
  it("quotes separators and neutralizes formulas", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("@cmd")).toBe("'@cmd");
    expect(csvField(-5)).toBe("-5");
    expect(csvField(null)).toBe("");
  });
});
