"use client";

import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import { ProgressBar } from "@/components/ui/progress-bar";
import type { JobRunResponse } from "@/lib/job-runs/schemas";
import type { ActiveJobRuns } from "@/lib/client/job-run-schemas";
import type { UseQueryResult } from "@tanstack/react-query";
import { formatCount, formatShortDateTime } from "./format";
import { businessLabel, shortRunId } from "./run-labels";
import { RunStatusBadge } from "./run-status-badge";
import { RunLink } from "./run-link";
import styles from "./active-runs-panel.module.css";

interface ActiveRunsPanelProps {
  query: UseQueryResult<ActiveJobRuns>;
  showBusiness: boolean;
}

/** Queued and running runs with live progress; the query polls while this list is not empty. */
export function ActiveRunsPanel({ query, showBusiness }: ActiveRunsPanelProps) {
  const total = query.data?.total ?? 0;
  return (
    <Panel
      title="Active runs"
      description={query.data ? (total ? `${formatCount(total)} queued or running · updating live` : "Nothing is queued or running") : undefined}
      flush
    >
      {query.isPending ? <LoadingState label="Loading active runs…" compact /> : null}
      {query.isError ? <ErrorState title="Could not load active runs" error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && !query.data.runs.length ? <EmptyState title="No active runs">New runs appear here as soon as they are queued.</EmptyState> : null}
      {query.data?.runs.length ? (
        <ul className={styles.list} aria-label="Queued and running runs">
          {query.data.runs.map((run) => (
            <ActiveRunItem key={run.id} run={run} showBusiness={showBusiness} />
          ))}
        </ul>
      ) : null}
      {query.data && total > query.data.runs.length ? (
        <p className={styles.more}>
          Showing the first {query.data.runs.length} of {formatCount(total)}. Filter the history by status to see them all.
        </p>
      ) : null}
    </Panel>
  );
}

function ActiveRunItem({ run, showBusiness }: { run: JobRunResponse; showBusiness: boolean }) {
  const percent = run.progress === null ? null : Math.round(run.progress * 100);
  const waiting = run.status === "queued";
  return (
    <li className={styles.item} data-run-id={run.id}>
      <div className={styles.what}>
        <RunLink runId={run.id} className={styles.type}>
          {run.jobType}
        </RunLink>
        <span className={styles.meta}>
          <code>{shortRunId(run.id)}</code>
          {showBusiness ? ` · ${businessLabel(run)}` : ""} · {waiting ? "queued" : "started"}{" "}
          {formatShortDateTime(waiting ? run.createdAt : (run.startedAt ?? run.createdAt))}
        </span>
      </div>
      <div className={styles.progress}>
        <ProgressBar
          value={waiting ? null : (run.progress ?? 0)}
          label={`Progress of ${run.jobType} ${shortRunId(run.id)}`}
          valueText={waiting ? "Waiting for a worker" : `${percent ?? 0}%${run.progressMessage ? `, ${run.progressMessage}` : ""}`}
        />
        <div className={styles.message}>
          <span>{waiting ? "Waiting for a worker" : (run.progressMessage ?? "Started")}</span>
          {waiting ? null : <span className={styles.percent}>{percent ?? 0}%</span>}
        </div>
      </div>
      <RunStatusBadge status={run.status} />
    </li>
  );
}
