"use client";

import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import { useWorkersQuery, type WorkerSummary } from "@/lib/client/workers";
import { formatCount, formatDateTime, formatDuration } from "./format";
import { RunLink } from "./run-link";
import styles from "./workers-panel.module.css";

function describe(workers: WorkerSummary[]): string {
  const stale = workers.filter((worker) => worker.stale).length;
  const busy = workers.reduce((sum, worker) => sum + worker.runsInFlight, 0);
  const slots = workers.filter((worker) => !worker.stale).reduce((sum, worker) => sum + worker.concurrency, 0);
  return `${formatCount(workers.length)} registered · ${formatCount(busy)} of ${formatCount(slots)} slots busy${stale ? ` · ${formatCount(stale)} stale` : ""}`;
}

/** The worker processes, their heartbeats and the runs each holds: for system admins only. */
export function WorkersPanel() {
  const query = useWorkersQuery({ enabled: true });
  const workers = query.data?.workers ?? [];
  return (
    <Panel title="Workers" description={query.data ? describe(workers) : undefined} flush>
      {query.isPending ? <LoadingState label="Loading workers…" compact /> : null}
      {query.isError ? <ErrorState title="Could not load workers" error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data && !workers.length ? <EmptyState title="No workers">Start one with npm run worker; it appears here within a heartbeat.</EmptyState> : null}
      {workers.length ? (
        // Wider than a phone and holding no link when no run is held: focusable, so the keyboard can scroll it.
        <div className={styles.scroller} tabIndex={0} role="region" aria-label="Workers, scrollable">
          <table className={styles.table} aria-label="Workers">
            <thead>
              <tr>
                <th scope="col">Worker</th>
                <th scope="col">Host · pid</th>
                <th scope="col">Version</th>
                <th scope="col">Started</th>
                <th scope="col">Last heartbeat</th>
                <th scope="col">Slots</th>
                <th scope="col">Running runs</th>
              </tr>
            </thead>
            <tbody>
              {workers.map((worker) => (
                <tr key={worker.id} data-stale={worker.stale ? "true" : undefined}>
                  <td className={styles.id}>
                    {worker.id}
                    {worker.stale ? <span className={styles.stale}>Stale</span> : null}
                  </td>
                  <td>
                    {worker.host} · {worker.pid}
                  </td>
                  <td className={styles.muted}>{worker.version}</td>
                  <td className={styles.number}>{formatDateTime(worker.startedAt)}</td>
                  <td className={styles.number}>{formatDuration(worker.heartbeatAgeMs)} ago</td>
                  <td className={styles.number}>
                    {worker.runsInFlight} of {worker.concurrency} busy
                  </td>
                  <td>
                    {worker.runningRuns.length ? (
                      <ul className={styles.runs}>
                        {worker.runningRuns.map((run) => (
                          <li key={run.id}>
                            <RunLink runId={run.id}>{run.jobType}</RunLink> <span className={styles.muted}>{run.id.slice(0, 8)}</span>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className={styles.muted}>None</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Panel>
  );
}
