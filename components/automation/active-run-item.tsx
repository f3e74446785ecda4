import { ProgressBar } from "@/components/ui/progress-bar";
import { isScheduled } from "@/lib/client/poll-schedule";
import type { JobRunResponse } from "@/lib/job-runs/schemas";
import { formatShortDateTime } from "./format";
import { businessLabel, shortRunId } from "./run-labels";
import { RunLink } from "./run-link";
import { RunStatusBadge } from "./run-status-badge";
import { scheduledForText } from "./scheduled-for";
import styles from "./active-runs-panel.module.css";

/** One queued, scheduled or running run with its progress. */
export function ActiveRunItem({ run, showBusiness, now }: { run: JobRunResponse; showBusiness: boolean; now: number }) {
  const percent = run.progress === null ? null : Math.round(run.progress * 100);
  const waiting = run.status === "queued";
  const waitingText = isScheduled(run, now) ? scheduledForText(run.runAt, now) : "Waiting for a worker";
  return (
    <li className={styles.item} data-run-id={run.id}>
      <div className={styles.what}>
        <RunLink runId={run.id} className={styles.type}>
          {run.jobType}
        </RunLink>
        <span className={styles.meta}>
          <code>{shortRunId(run.id)}</code>
          {showBusiness ? ` · ${businessLabel(run)}` : ""} · {waiting ? "queued" : "started"}{" "}
          {formatShortDateTime(waiting ? run.createdAt : (run.startedAt ?? run.createdAt))}
        </span>
      </div>
      <div className={styles.progress}>
        <ProgressBar
          value={waiting ? null : (run.progress ?? 0)}
          label={`Progress of ${run.jobType} ${shortRunId(run.id)}`}
          valueText={waiting ? waitingText : `${percent ?? 0}%${run.progressMessage ? `, ${run.progressMessage}` : ""}`}
        />
        <div className={styles.message}>
          <span>{waiting ? waitingText : (run.progressMessage ?? "Started")}</span>
          {waiting ? null : <span className={styles.percent}>{percent ?? 0}%</span>}
        </div>
      </div>
      <RunStatusBadge status={run.status} />
    </li>
  );
}
