import type { JobRunResponse, RunOrder } from "@/lib/job-runs/schemas";
import { formatDuration, formatShortDateTime } from "./format";
import { businessLabel, shortRunId, triggeredByLabel, triggerSourceLabel } from "./run-labels";
import { RunStatusBadge } from "./run-status-badge";
import { RunLink } from "./run-link";
import { SelectCheckbox } from "./select-checkbox";
import type { RunSelection } from "./use-run-selection";
import { SortByCreatedButton } from "./sort-by-created-button";
import styles from "./run-history-table.module.css";

interface RunHistoryTableProps {
  runs: JobRunResponse[];
  showBusiness: boolean;
  currentUserId: string;
  order: RunOrder;
  onOrderChange: (order: RunOrder) => void;
  /** Given to admins: a checkbox per row and one for every shown row. */
  selection?: RunSelection;
}

/**
 * The history as a table whose header stays in view while its rows scroll; on a phone each run
 * is a compact two-line row. Cells carry a class naming their place in that phone layout.
 */
export function RunHistoryTable({ runs, showBusiness, currentUserId, order, onOrderChange, selection }: RunHistoryTableProps) {
  return (
    <div className={styles.scroller}>
      <table className={styles.table}>
        <caption className="visually-hidden">Job runs, {order === "oldest" ? "oldest" : "newest"} first</caption>
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
            <th scope="col" aria-sort={order === "oldest" ? "ascending" : "descending"}>
              <SortByCreatedButton order={order} onChange={onOrderChange} />
            </th>
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
                <td data-label="Status" className={styles.cellStatus}>
                  <RunStatusBadge status={run.status} />
                </td>
                <td data-label="Job type" className={styles.cellType}>
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
                  <td data-label="Business" className={`${styles.cellBusiness} ${run.businessId ? "" : styles.muted}`}>
                    {businessLabel(run)}
                  </td>
                ) : null}
                <td data-label="Triggered by" className={styles.cellWho}>
                  <span>
                    {triggerSourceLabel(run.triggerSource)}
                    {who ? <span className={styles.muted}> · {who}</span> : null}
                  </span>
                </td>
                <td data-label="Created" className={`${styles.nowrap} ${styles.cellCreated}`}>
                  <time dateTime={run.createdAt}>{formatShortDateTime(run.createdAt)}</time>
                </td>
                <td data-label="Duration" className={`${styles.number} ${styles.cellDuration}`}>
                  {formatDuration(run.durationMs)}
                </td>
                <td data-label="Tags" className={styles.cellTags}>
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
