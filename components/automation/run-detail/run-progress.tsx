import { ProgressBar } from "@/components/ui/progress-bar";
import type { JobRunDetail } from "@/lib/client/job-run-schemas";
import { isScheduled } from "@/lib/client/poll-schedule";
import { scheduledForText } from "../scheduled-for";
import styles from "./run-detail.module.css";

/** The run's progress bar and message, shown while it is active or once it has reported progress. */
export function RunProgress({ run }: { run: JobRunDetail["run"] }) {
  const active = run.status === "queued" || run.status === "running";
  if (!active && run.progress === null) return null;
  const queued = run.status === "queued";
  const now = Date.now();
  const waiting = isScheduled(run, now) ? scheduledForText(run.runAt, now) : "Waiting for a worker";
  const percent = Math.round((run.progress ?? 0) * 100);
  return (
    <div className={styles.progress}>
      <ProgressBar
        value={queued ? null : (run.progress ?? 0)}
        label="Run progress"
        valueText={queued ? waiting : `${percent}%${run.progressMessage ? `, ${run.progressMessage}` : ""}`}
      />
      <div className={styles.progressText}>
        <span>{queued ? waiting : (run.progressMessage ?? (active ? "Started" : ""))}</span>
        {queued ? null : <strong>{percent}%</strong>}
      </div>
    </div>
  );
}
