import type { JobRunResponse } from "@/lib/job-runs/schemas";
import styles from "./run-detail.module.css";

/** Tells a member why there is no Cancel or Retry where an admin would have one. */
export function WhyNoRunActions({ status }: { status: JobRunResponse["status"] }) {
  const reason =
    status === "failed" || status === "cancelled"
      ? "Only business admins can retry runs"
      : status === "queued" || status === "running"
        ? "Only business admins can cancel runs"
        : null;
  return reason ? <p className={styles.muted}>{reason}</p> : null;
}
