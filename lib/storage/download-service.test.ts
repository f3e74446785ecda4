import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { AppError } from "../errors";
import { ALL_BUSINESSES, businessScope } from "../tenancy";
import { executeNow } from "../../test-support/execute-now";
import { createBusiness, queueRun } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { testRegistry } from "../../test-support/test-jobs";
import { openAttachmentDownload } from "./download-service";

const { database } = useTempDatabase();
let acmeId: string;
let birchId: string;
let csvAttachmentId: string;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

async function expectNotFound(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "not_found", message: "Attachment not found" });
}

beforeAll(async () => {
  const acme = await createBusiness({ name: "Acme" });
  const birch = await createBusiness({ name: "Birch" });
  acmeId = acme.id;
  birchId = birch.id;
  await queueRun({ businessId: acme.id, jobType: "sync-calendar", params: { calendar: "front" } });
  await queueRun({ businessId: birch.id, jobType: "sync-calendar", params: { calendar: "back" } });
  const { outcome } = await executeNow({ jobs: testRegistry(), jobType: "export-report", businessId: acme.id, params: { days: 7 } });
  if (outcome.status !== "succeeded") throw new Error(`export failed: ${JSON.stringify(outcome)}`);
  csvAttachmentId = (outcome.result as { attachments: { csv: string } }).attachments.csv;
});

describe("attachment download", () => {
  it("streams the export to its own business", async () => {
    const download = await openAttachmentDownload({ scope: businessScope(acmeId), id: csvAttachmentId });
    expect(download.contentType).toBe("text/csv; charset=utf-8");
    expect(download.fileName).toMatch(/^runs-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const body = await readAll(download.stream);
    expect(body.split("\r\n")[0]).toBe("run_id,job_type,status,attempt,max_attempts,trigger_source,created_at,started_at,finished_at,duration_ms,error_message");
    expect(body).toContain("sync-calendar");
    expect(download.size).toBe(Buffer.byteLength(body));
  });

  it("answers another business exactly as for a missing attachment", async () => {
    await expectNotFound(openAttachmentDownload({ scope: businessScope(birchId), id: csvAttachmentId }));
    await expectNotFound(openAttachmentDownload({ scope: businessScope(acmeId), id: "00000000-0000-4000-8000-000000000000" }));
  });

  it("lets the all-businesses scope (system admins) download it", async () => {
    const download = await openAttachmentDownload({ scope: ALL_BUSINESSES, id: csvAttachmentId });
    expect(await readAll(download.stream)).toContain("run_id");
  });

  it("refuses rows whose storage key would leave the business folder", async () => {
    const birchFile = await executeNow({ jobs: testRegistry(), jobType: "export-report", businessId: birchId, params: { days: 7 } });
    const birchCsvId = (birchFile.outcome as { result: { attachments: { csv: string } } }).result.attachments.csv;
    const birchRow = await getDb().attachment.findUniqueOrThrow({ where: { id: birchCsvId } });
    // The target exists, so a refusal below is the path check at work, not a missing file.
    expect(readFileSync(path.join(database.storageDir, birchId, birchRow.storageKey), "utf8")).toContain("sync-calendar");

    for (const storageKey of [`../${birchId}/${birchRow.storageKey}`, `${birchRow.storageKey}/../../../${birchId}/${birchRow.storageKey}`, path.join(database.storageDir, birchId, birchRow.storageKey)]) {
      const planted = await getDb().attachment.create({
        data: { businessId: acmeId, purpose: "run-export", fileName: "x.csv", contentType: "text/csv", storageKey, size: 1, sha256: "x" },
      });
      await expectNotFound(openAttachmentDownload({ scope: businessScope(acmeId), id: planted.id }));
    }
  });

  it("does not find an attachment whose file is gone", async () => {
    const row = await getDb().attachment.create({
      data: {
        businessId: acmeId,
        purpose: "run-export",
        fileName: "gone.csv",
        contentType: "text/csv",
        storageKey: "run-export/2026-11/12345678-1234-4234-8234-123456789012.csv",
        size: 1,
        sha256: "x",
      },
    });
    await expectNotFound(openAttachmentDownload({ scope: businessScope(acmeId), id: row.id }));
  });
});
