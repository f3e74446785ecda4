import { z } from "zod";
import { defineJob } from "../define-job";
import { RUN_EXPORT_HEADER, RunExportTally, runExportRow } from "../reports/run-export";
import { csvRow } from "../reports/csv";

const DAY_MS = 24 * 3600_000;
const MAX_RANGE_DAYS = 366;
const PAGE = 1_000;

const IsoDateTime = z.iso.datetime({ offset: true });

const ExportParams = z
  .object({
    days: z.number().int().min(1).max(90).default(30).describe("Runs created in this many days before the export was requested"),
    from: IsoDateTime.optional().describe("Start of the range; overrides days"),
    to: IsoDateTime.optional().describe("End of the range (exclusive); default: when the export was requested"),
    format: z.literal("csv").default("csv").describe("A CSV of the runs plus a JSON summary"),
  })
  .strict()
  .refine((params) => !params.from || !params.to || Date.parse(params.from) < Date.parse(params.to), {
    message: "from must be before to",
    path: ["from"],
  })
  .refine((params) => !params.from || !params.to || Date.parse(params.to) - Date.parse(params.from) <= MAX_RANGE_DAYS * DAY_MS, {
    message: `the range may span at most ${MAX_RANGE_DAYS} days`,
    path: ["to"],
  });

/** Range of an export: explicit from/to win; otherwise `days` up to when the export was requested, so retries export the same range. */
export function exportRange(params: z.output<typeof ExportParams>, requestedAt: Date): { from: Date; to: Date } {
  const to = params.to ? new Date(params.to) : requestedAt;
  const from = params.from ? new Date(params.from) : new Date(to.getTime() - params.days * DAY_MS);
  return { from, to };
}

export const exportReport = defineJob({
  type: "export-report",
  title: "Export run report",
  description: "Writes a CSV of the business's job runs for a date range, with a JSON summary, as downloadable files.",
  scope: "tenant",
  triggeredBy: "member",
  params: ExportParams,
  maxAttempts: 3,
  timeoutMs: 10 * 60 * 1000,
  async run({ params, payload, businessId, db, storage, log, progress, signal }) {
    if (!businessId) throw new Error("export-report needs a business");
    const { from, to } = exportRange(params, payload.createdAt);
    const where = { createdAt: { gte: from, lt: to } };
    const total = await db.jobRun.count({ where });
    log.info(`Exporting ${total} runs created from ${from.toISOString()} to ${to.toISOString()}`);

    const chunks = [csvRow(RUN_EXPORT_HEADER)];
    const tally = new RunExportTally();
    let cursor: string | undefined;
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const page = await db.jobRun.findMany({
        where,
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: PAGE,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        select: {
          id: true,
          jobType: true,
          status: true,
          attempt: true,
          maxAttempts: true,
          triggerSource: true,
          createdAt: true,
          startedAt: true,
          finishedAt: true,
          errorMessage: true,
        },
      });
      for (const run of page) {
        chunks.push(runExportRow(run));
        tally.add(run);
      }
      await progress(total ? Math.min(0.9, (tally.summary({ businessId, from, to }).totalRuns / total) * 0.9) : 0.9, "Collecting runs");
      if (page.length < PAGE) break;
      cursor = page[page.length - 1]?.id;
    }

    const name = `runs-${from.toISOString().slice(0, 10)}-to-${to.toISOString().slice(0, 10)}`;
    const csv = await storage.writeArtifact({ purpose: "run-export", fileName: `${name}.csv`, contentType: "text/csv; charset=utf-8", content: chunks.join("") });
    const summary = tally.summary({ businessId, from, to });
    const json = await storage.writeArtifact({
      purpose: "run-export-summary",
      fileName: `${name}-summary.json`,
      contentType: "application/json",
      content: `${JSON.stringify(summary, null, 2)}\n`,
    });
    log.info(`Wrote ${csv.fileName} (${csv.size} bytes) and ${json.fileName}`);
    await progress(1, "Export ready");
    return {
      rows: summary.totalRuns,
      from: summary.from,
      to: summary.to,
      byStatus: summary.byStatus,
      attachments: { csv: csv.id, summary: json.id },
    };
  },
});
