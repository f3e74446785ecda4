import { RUN_STATUSES, type RunStatus } from "@/lib/job-runs/schemas";
import type { JobRunDetail } from "@/lib/client/job-run-schemas";
import { shortRunId } from "../run-labels";
import { RunStatusBadge } from "../run-status-badge";
import { RunLink } from "../run-link";
import styles from "./run-detail.module.css";

function isRunStatus(status: string): status is RunStatus {
  return (RUN_STATUSES as readonly string[]).includes(status);
}

export function ChildRuns({ runs }: { runs: JobRunDetail["children"] }) {
  return (
    <ul className={styles.files}>
      {runs.map((child) => (
        <li key={child.id}>
          <RunLink runId={child.id}>
            {child.jobType} <code>{shortRunId(child.id)}</code>
          </RunLink>
          {isRunStatus(child.status) ? <RunStatusBadge status={child.status} /> : <span>{child.status}</span>}
        </li>
      ))}
    </ul>
  );
}
