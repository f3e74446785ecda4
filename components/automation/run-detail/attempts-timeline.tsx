import type { JobRunDetail } from "@/lib/client/job-run-schemas";
import { formatDateTime, formatDuration } from "../format";
import styles from "./run-detail.module.css";

const ATTEMPT_STATUS_LABELS: Record<string, string> = {
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
  timed_out: "Timed out",
  released: "Released",
  rescued: "Rescued after the worker stopped",
};

export function AttemptsTimeline({ attempts, maxAttempts }: { attempts: JobRunDetail["attempts"]; maxAttempts: number }) {
  if (!attempts.length) return <p className={styles.muted}>No attempt has started yet.</p>;
  return (
    <ol className={styles.timeline}>
      {attempts.map((attempt) => (
        <li key={`${attempt.attempt}:${attempt.startedAt}`}>
          <span className={styles.line}>
            <strong>
              Attempt {attempt.attempt} of {maxAttempts}
            </strong>
            <span>{ATTEMPT_STATUS_LABELS[attempt.status] ?? attempt.status}</span>
          </span>
          <span className={styles.small}>
            Started {formatDateTime(attempt.startedAt)}
            {attempt.finishedAt
              ? ` · took ${formatDuration(new Date(attempt.finishedAt).getTime() - new Date(attempt.startedAt).getTime())}`
              : ""}
            {attempt.workerId ? (
              <>
                {" "}
                · worker <code>{attempt.workerId}</code>
              </>
            ) : null}
          </span>
          {attempt.error ? <span className={styles.small}>{attempt.error.message}</span> : null}
        </li>
      ))}
    </ol>
  );
}
