import { csvRow } from "./csv";

export interface ExportedRun {
  id: string;
  jobType: string;
  status: string;
  attempt: number;
  maxAttempts: number;
  triggerSource: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  errorMessage: string | null;
}

export const RUN_EXPORT_HEADER = [
  "run_id",
  "job_type",
  "status",
  "attempt",
  "max_attempts",
  "trigger_source",
  "created_at",
  "started_at",
  "finished_at",
  "duration_ms",
  "error_message",
];

export function runExportRow(run: ExportedRun): string {
  const duration = run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null;
  return csvRow([
    run.id,
    run.jobType,
    run.status,
    run.attempt,
    run.maxAttempts,
    run.triggerSource,
    run.createdAt.toISOString(),
    run.startedAt?.toISOString() ?? null,
    run.finishedAt?.toISOString() ?? null,
    duration,
    run.errorMessage,
  ]);
}

export interface RunExportSummary {
  businessId: string;
  from: string;
  to: string;
  totalRuns: number;
  byStatus: Record<string, number>;
  byJobType: Record<string, { total: number; byStatus: Record<string, number>; averageDurationMs: number | null }>;
}

/** Counts accumulated page by page, so the export never holds every run in memory at once. */
export class RunExportTally {
  private total = 0;
  private readonly byStatus: Record<string, number> = {};
  private readonly byType = new Map<string, { total: number; byStatus: Record<string, number>; durationSum: number; durations: number }>();

  add(run: ExportedRun): void {
    this.total += 1;
    this.byStatus[run.status] = (this.byStatus[run.status] ?? 0) + 1;
    const entry = this.byType.get(run.jobType) ?? { total: 0, byStatus: {}, durationSum: 0, durations: 0 };
    entry.total += 1;
    entry.byStatus[run.status] = (entry.byStatus[run.status] ?? 0) + 1;
    if (run.startedAt && run.finishedAt) {
      entry.durationSum += run.finishedAt.getTime() - run.startedAt.getTime();
      entry.durations += 1;
    }
    this.byType.set(run.jobType, entry);
  }

  summary({ businessId, from, to }: { businessId: string; from: Date; to: Date }): RunExportSummary {
    const byJobType = Object.fromEntries(
      [...this.byType.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([type, entry]) => [
          type,
          {
            total: entry.total,
            byStatus: entry.byStatus,
            averageDurationMs: entry.durations ? Math.round(entry.durationSum / entry.durations) : null,
          },
        ]),
    );
    return { businessId, from: from.toISOString(), to: to.toISOString(), totalRuns: this.total, byStatus: this.byStatus, byJobType };
  }
}
