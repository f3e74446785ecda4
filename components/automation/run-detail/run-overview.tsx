import { ProgressBar } from "@/components/ui/progress-bar";
import type { JobRunDetail } from "@/lib/client/job-run-schemas";
import { formatDateTime, formatDuration } from "../format";
import { businessLabel, triggeredByLabel, triggerSourceLabel } from "../run-labels";
import { RunLink } from "../run-link";
import styles from "./run-detail.module.css";

interface RunOverviewProps {
  detail: JobRunDetail;
  currentUserId: string;
  showBusiness: boolean;
}

export function RunOverview({ detail, currentUserId, showBusiness }: RunOverviewProps) {
  const { run } = detail;
  const triggeredBy = detail.audit.find((event) => event.action === "run.triggered")?.actorEmail ?? triggeredByLabel(run, currentUserId);
  const active = run.status === "queued" || run.status === "running";
  const percent = Math.round((run.progress ?? 0) * 100);
  return (
    <>
      {active || run.progress !== null ? (
        <div className={styles.progress}>
          <ProgressBar
            value={run.status === "queued" ? null : (run.progress ?? 0)}
            label="Run progress"
            valueText={run.status === "queued" ? "Waiting for a worker" : `${percent}%${run.progressMessage ? `, ${run.progressMessage}` : ""}`}
          />
          <div className={styles.progressText}>
            <span>{run.status === "queued" ? "Waiting for a worker" : (run.progressMessage ?? (active ? "Started" : ""))}</span>
            {run.status === "queued" ? null : <strong>{percent}%</strong>}
          </div>
        </div>
      ) : null}
      <dl className={styles.facts}>
        {showBusiness ? (
          <>
            <dt>Business</dt>
            <dd>{businessLabel(run)}</dd>
          </>
        ) : null}
        <dt>Triggered</dt>
        <dd>
          {triggerSourceLabel(run.triggerSource)}
          {triggeredBy ? ` by ${triggeredBy}` : ""}
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(run.createdAt)}</dd>
        <dt>Scheduled for</dt>
        <dd>{formatDateTime(run.runAt)}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(run.startedAt)}</dd>
        <dt>Finished</dt>
        <dd>{formatDateTime(run.finishedAt)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(run.durationMs)}</dd>
        <dt>Attempts</dt>
        <dd>
          {run.attempt} of {run.maxAttempts}
        </dd>
        <dt>Priority</dt>
        <dd>{run.priority}</dd>
        <dt>Tags</dt>
        <dd>{run.tags.length ? run.tags.join(", ") : "—"}</dd>
        {run.idempotencyKey ? (
          <>
            <dt>Idempotency key</dt>
            <dd>
              <code>{run.idempotencyKey}</code>
            </dd>
          </>
        ) : null}
        {run.lockedBy ? (
          <>
            <dt>Worker</dt>
            <dd>
              <code>{run.lockedBy}</code>
            </dd>
          </>
        ) : null}
        {run.parentRunId ? (
          <>
            <dt>Started by run</dt>
            <dd>
              <RunLink runId={run.parentRunId}>
                <code>{run.parentRunId}</code>
              </RunLink>
            </dd>
          </>
        ) : null}
      </dl>
    </>
  );
}
