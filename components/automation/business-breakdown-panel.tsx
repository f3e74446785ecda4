"use client";

import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import type { BusinessBreakdown } from "@/lib/client/job-run-schemas";
import { useBusinessBreakdownQuery } from "@/lib/client/job-runs";
import type { StatsWindow } from "@/lib/job-runs/schemas";
import { formatCount, formatDuration } from "./format";
import styles from "./business-breakdown-panel.module.css";

type Row = BusinessBreakdown["businesses"][number];
type SortKey = "name" | "runs" | "failures" | "queued" | "running" | "oldestQueuedMs";
type Sort = { key: SortKey; descending: boolean };

const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: "name", label: "Business", numeric: false },
  { key: "runs", label: "Runs", numeric: true },
  { key: "failures", label: "Failures", numeric: true },
  { key: "queued", label: "Queued", numeric: true },
  { key: "running", label: "Running", numeric: true },
  { key: "oldestQueuedMs", label: "Oldest queued", numeric: true },
];

const WINDOW_TEXT: Record<StatsWindow, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" };

function sorted(rows: Row[], { key, descending }: Sort): Row[] {
  const direction = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const order =
      key === "name" ? a.name.localeCompare(b.name) : (a[key] ?? -1) - (b[key] ?? -1);
    return order * direction || a.name.localeCompare(b.name);
  });
}

interface BusinessBreakdownPanelProps {
  window: StatsWindow;
  live: boolean;
  /** The business the page is narrowed to, if any. */
  selected?: string;
  onSelect: (businessId: string) => void;
}

/** Per business: runs and failures of the statistics window and its queue now. For system admins only. */
export function BusinessBreakdownPanel({ window, live, selected, onSelect }: BusinessBreakdownPanelProps) {
  const query = useBusinessBreakdownQuery({ window, live });
  const [sort, setSort] = useState<Sort>({ key: "runs", descending: true });
  const rows = sorted(query.data?.businesses ?? [], sort);
  const toggle = (key: SortKey) =>
    setSort((current) => (current.key === key ? { key, descending: !current.descending } : { key, descending: key !== "name" }));
  return (
    <Panel
      title="Businesses"
      description={`Runs and failures of the last ${WINDOW_TEXT[window]}, queued and running runs now. Choose a business to narrow the page to it.`}
      flush
    >
      {query.isPending ? <LoadingState label="Loading businesses…" compact /> : null}
      {query.isError ? <ErrorState title="Could not load the breakdown by business" error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && !rows.length ? <EmptyState title="No business activity">No business has runs in this window or waiting now.</EmptyState> : null}
      {rows.length ? (
        <div className={styles.scroller}>
          <table className={styles.table} aria-label="Businesses">
            <thead>
              <tr>
                {COLUMNS.map((column) => (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.numeric ? styles.number : undefined}
                    aria-sort={sort.key === column.key ? (sort.descending ? "descending" : "ascending") : undefined}
                  >
                    <button type="button" className={styles.sort} onClick={() => toggle(column.key)}>
                      {column.label}
                      {sort.key === column.key ? <span aria-hidden="true">{sort.descending ? " ▼" : " ▲"}</span> : null}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.businessId} className={row.businessId === selected ? styles.selected : undefined}>
                  <th scope="row">
                    <button type="button" className={styles.business} aria-pressed={row.businessId === selected} onClick={() => onSelect(row.businessId)}>
                      {row.name}
                    </button>
                    <span className={styles.slug}>{row.slug}</span>
                  </th>
                  <td className={styles.number}>{formatCount(row.runs)}</td>
                  <td className={styles.number}>{formatCount(row.failures)}</td>
                  <td className={styles.number}>
                    {formatCount(row.queued)}
                    {row.scheduled ? <span className={styles.slug}>+{formatCount(row.scheduled)} scheduled</span> : null}
                  </td>
                  <td className={styles.number}>{formatCount(row.running)}</td>
                  <td className={styles.number}>{row.oldestQueuedMs === null ? "—" : formatDuration(row.oldestQueuedMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Panel>
  );
}
