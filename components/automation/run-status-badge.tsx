import type { RunStatus } from "@/lib/job-runs/schemas";
import { STATUS_LABELS } from "./run-labels";
import styles from "./run-status-badge.module.css";

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`${styles.badge} ${styles[status]}`} data-status={status}>
      <span className={styles.dot} aria-hidden="true" />
      {STATUS_LABELS[status]}
    </span>
  );
}
