"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import type { ActiveJobRuns } from "@/lib/client/job-run-schemas";
import { isScheduled } from "@/lib/client/poll-schedule";
import { formatTotal } from "@/lib/client/run-total";
import { ActiveRunItem } from "./active-run-item";
import { formatCount } from "./format";
import styles from "./active-runs-panel.module.css";

interface ActiveRunsPanelProps {
  query: UseQueryResult<ActiveJobRuns>;
  showBusiness: boolean;
}

function describe(active: ActiveJobRuns, now: number): string {
  if (!active.total.count) return "Nothing is queued or running";
  const scheduled = active.runs.filter((run) => isScheduled(run, now)).length;
  return `${formatTotal(active.total)} queued or running${scheduled ? ` · ${formatCount(scheduled)} scheduled for later` : ""} · updating live`;
}

/** Queued, scheduled and running runs with live progress. */
export function ActiveRunsPanel({ query, showBusiness }: ActiveRunsPanelProps) {
  const total = query.data?.total;
  // Read at each render, which each poll brings, so that "in 28 min" counts down.
  const now = Date.now();
  return (
    <Panel title="Active runs" description={query.data ? describe(query.data, now) : undefined} flush>
      {query.isPending ? <LoadingState label="Loading active runs…" compact /> : null}
      {query.isError ? <ErrorState title="Could not load active runs" error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && !query.data.runs.length ? <EmptyState title="No active runs">New runs appear here as soon as they are queued.</EmptyState> : null}
      {query.data?.runs.length ? (
        <ul className={styles.list} aria-label="Queued and running runs">
          {query.data.runs.map((run) => (
            <ActiveRunItem key={run.id} run={run} showBusiness={showBusiness} now={now} />
          ))}
        </ul>
      ) : null}
      {query.data && total && (total.atLeast || total.count > query.data.runs.length) ? (
        <p className={styles.more}>
          Showing the first {query.data.runs.length} of {formatTotal(total)}. Filter the history by status to see them all.
        </p>
      ) : null}
    </Panel>
  );
}
