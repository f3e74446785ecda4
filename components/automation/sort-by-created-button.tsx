import type { RunOrder } from "@/lib/job-runs/schemas";
import styles from "./run-history-table.module.css";

/**
 * The Created column's header: one press turns the order around. Only creation time sorts: it is
 * what the list's indexes serve at any size, so the order costs nothing at a million runs.
 */
export function SortByCreatedButton({ order, onChange }: { order: RunOrder; onChange: (order: RunOrder) => void }) {
  const next: RunOrder = order === "oldest" ? "newest" : "oldest";
  return (
    <button type="button" className={styles.sort} onClick={() => onChange(next)} aria-label={`Created, ${order} first. Sort ${next} first`}>
      Created <span aria-hidden="true">{order === "oldest" ? "↑" : "↓"}</span>
    </button>
  );
}
