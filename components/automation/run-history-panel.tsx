"use client";

import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import { useJobRunsQuery } from "@/lib/client/job-runs";
import { canManageRuns } from "@/lib/client/me";
import { countListFilters, dateRangeError, hasListFilters, toListFilters, type RunView } from "@/lib/client/run-view";
import { useMe } from "./me-context";
import { PhoneFiltersToggle } from "./phone-filters-toggle";
import { RunFilters } from "./run-filters";
import { RunBulkActions } from "./run-bulk-actions";
import { RunHistoryTable } from "./run-history-table";
import { useRunSelection } from "./use-run-selection";
import { describeShownRuns } from "@/lib/client/run-total";
import styles from "./run-history-panel.module.css";

interface RunHistoryPanelProps {
  view: RunView;
  onViewChange: (patch: Partial<RunView>) => void;
  jobTypes: string[];
}

export function RunHistoryPanel({ view, onViewChange, jobTypes }: RunHistoryPanelProps) {
  const me = useMe();
  const isSystemAdmin = me.role === "system_admin";
  const filters = toListFilters(view, { canFilterBusiness: isSystemAdmin });
  // An impossible date range is explained next to the fields instead of being sent.
  const runs = useJobRunsQuery(filters, { enabled: !dateRangeError(view) });
  const rows = runs.data?.pages.flatMap((page) => page.runs) ?? [];
  const selection = useRunSelection(JSON.stringify(filters), rows.map((run) => run.id));
  const canManage = canManageRuns(me);
  const total = runs.data?.pages[0]?.total;
  const shown = describeShownRuns(rows.length, total);

  return (
    <Panel
      title="Run history"
      description={`${view.order === "oldest" ? "Oldest" : "Newest"} first. Filters are kept in the address, so you can share or reload this view.`}
      actions={
        <>
          {rows.length ? <span className={styles.total}>{shown}</span> : null}
          {runs.isFetching && !runs.isPending ? (
            <span className={styles.refreshing} role="status">
              Updating…
            </span>
          ) : null}
        </>
      }
      flush
    >
      <PhoneFiltersToggle activeCount={countListFilters(view)}>
        <RunFilters view={view} onChange={onViewChange} jobTypes={jobTypes} />
      </PhoneFiltersToggle>
      {runs.isPending && runs.fetchStatus !== "idle" ? <LoadingState label="Loading runs…" /> : null}
      {runs.isError ? <ErrorState title="Could not load runs" error={runs.error} onRetry={() => void runs.refetch()} /> : null}
      {runs.isSuccess && !rows.length ? (
        <EmptyState title={hasListFilters(view) ? "No runs match these filters" : "No runs yet"}>
          {hasListFilters(view) ? "Try another status, type or date range, or clear the filters." : "Runs appear here once a job is triggered."}
        </EmptyState>
      ) : null}
      {canManage && runs.isSuccess ? <RunBulkActions selection={selection} filters={filters} /> : null}
      {rows.length ? (
        <>
          <RunHistoryTable
            runs={rows}
            showBusiness={isSystemAdmin}
            currentUserId={me.user.id}
            order={view.order}
            onOrderChange={(order) => onViewChange({ order })}
            selection={canManage ? selection : undefined}
          />
          <div className={styles.footer}>
            <span aria-live="polite">
              Showing {shown}
              {runs.hasNextPage ? "" : " · end of history"}
            </span>
            {runs.hasNextPage ? (
              <Button onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
                {runs.isFetchingNextPage ? "Loading…" : view.order === "oldest" ? "Load newer runs" : "Load older runs"}
              </Button>
            ) : null}
          </div>
        </>
      ) : null}
    </Panel>
  );
}
