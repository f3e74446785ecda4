import { RUN_STATUSES } from "@/lib/job-runs/schemas";
import { STATUS_LABELS } from "./run-labels";
import styles from "./run-filters.module.css";

type RunStatus = (typeof RUN_STATUSES)[number];

/** One checkbox chip per status; the chosen statuses are kept in the canonical order. */
export function RunStatusFilter({ statuses, onChange }: { statuses: RunStatus[]; onChange: (statuses: RunStatus[]) => void }) {
  function toggle(status: RunStatus, checked: boolean) {
    const next = checked ? [...statuses, status] : statuses.filter((candidate) => candidate !== status);
    onChange(RUN_STATUSES.filter((candidate) => next.includes(candidate)));
  }

  return (
    <fieldset className={styles.statuses}>
      <legend>Status</legend>
      {RUN_STATUSES.map((status) => (
        <label key={status} className={styles.chip}>
          <input type="checkbox" checked={statuses.includes(status)} onChange={(event) => toggle(status, event.target.checked)} />
          <span>{STATUS_LABELS[status]}</span>
        </label>
      ))}
    </fieldset>
  );
}
