import type { JobRunResponse } from "@/lib/job-runs/schemas";
import { formatDuration, formatShortDateTime } from "./format";
import { businessLabel, shortRunId, triggeredByLabel, triggerSourceLabel } from "./run-labels";
import { RunStatusBadge } from "./run-status-badge";
import { RunLink } from "./run-link";
import { SelectCheckbox } from "./select-checkbox";
import type { RunSelection } from "./use-run-selection";
import styles from "./run-history-table.module.css";

interface RunHistoryTableProps {
  runs: JobRunResponse[];
  showBusiness: boolean;
  currentUserId: string;
  /** Given to admins: a checkbox per row and one for every shown row. */
  selection?: RunSelection;
}

export function RunHistoryTable({ runs, showBusiness, currentUserId, selection }: RunHistoryTableProps) {
  return (
    <div className={styles.scroller}>
      <table className={styles.table}>
        <caption className="visually-hidden">Job runs, newest first</caption>
        <thead>
          <tr>
            {selection ? (
              <th scope="col" className={styles.select}>
                <SelectCheckbox label="Select all runs shown" checked={selection.shownState} onChange={selection.toggleShown} />
              </th>
            ) : null}
            <th scope="col">Status</th>
            <th scope="col">Job type</th>
            {showBusiness ? <th scope="col">Business</th> : null}
            <th scope="col">Triggered by</th>
            <th scope="col">Created</th>
            <th scope="col">Duration</th>
            <th scope="col">Tags</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const who = triggeredByLabel(run, currentUserId);
            return (
              <tr key={run.id} data-run-id={run.id}>
                {selection ? (
                  <td className={styles.select}>
                    <SelectCheckbox
                      label={`Select run ${run.jobType} ${shortRunId(run.id)}`}
                      checked={selection.isSelected(run.id)}
                      onChange={() => selection.toggle(run.id)}
                    />
                  </td>
                ) : null}
                <td data-label="Status">
                  <RunStatusBadge status={run.status} />
                </td>
                <td data-label="Job type">
                  <span>
                    <RunLink runId={run.id} className={styles.type}>
                      {run.jobType}
                    </RunLink>
                    <code className={styles.id} title={run.id}>
                      {shortRunId(run.id)}
                    </code>
                  </span>
                </td>
                {showBusiness ? (
                  <td data-label="Business" className={run.businessId ? undefined : styles.muted}>
                    {businessLabel(run)}
                  </td>
                ) : null}
                <td data-label="Triggered by">
                  <span>
                    {triggerSourceLabel(run.triggerSource)}
                    {who ? <span className={styles.muted}> · {who}</span> : null}
                  </span>
                </td>
                <td data-label="Created" className={styles.nowrap}>
                  <time dateTime={run.createdAt}>{formatShortDateTime(run.createdAt)}</time>
                </td>
                <td data-label="Duration" className={styles.number}>
                  {formatDuration(run.durationMs)}
                </td>
                <td data-label="Tags">
                  {run.tags.length ? (
                    <span className={styles.tags}>
                      {run.tags.map((tag) => (
                        <span key={tag} className={styles.tag}>
                          {tag}
                        </span>
                      ))}
                    </span>
                  ) : (
                    <span className={styles.muted}>—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
