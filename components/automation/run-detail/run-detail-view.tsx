"use client";

import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import { isApiError } from "@/lib/client/api-error";
import { useJobRunDetailQuery } from "@/lib/client/job-runs";
import { canManageRuns } from "@/lib/client/me";
import { useMe } from "../me-context";
import { RunStatusBadge } from "../run-status-badge";
import { AttemptTimelineChart } from "./attempt-timeline-chart";
import { AttemptsTimeline } from "./attempts-timeline";
import { AuditTrail } from "./audit-trail";
import { BackToListLink } from "./back-to-list-link";
import { ChildRuns } from "./child-runs";
import { CopyRunIdButton } from "./copy-run-id-button";
import { JsonBlock } from "./json-block";
import { RunActions } from "./run-actions";
import { RunAttachments } from "./run-attachments";
import { RunErrorBlock } from "./run-error-block";
import { RunLogs } from "./run-logs";
import { RunNotFound } from "./run-not-found";
import { RunOverview } from "./run-overview";
import { RunResult } from "./run-result";
import { WhyNoRunActions } from "./why-no-run-actions";
import styles from "./run-detail.module.css";

/** One run: what it was asked to do, what happened, and who did what to it. */
export function RunDetailView({ id }: { id: string }) {
  const me = useMe();
  const detail = useJobRunDetailQuery(id);

  if (detail.isPending) return <LoadingState label="Loading run…" />;
  // A malformed id (400) is as missing as an unknown one.
  if (detail.isError && (isApiError(detail.error, 404) || isApiError(detail.error, 400))) return <RunNotFound />;
  if (detail.isError && !detail.data) {
    return <ErrorState title="Could not load this run" error={detail.error} onRetry={() => void detail.refetch()} />;
  }

  const { run } = detail.data;
  const isSystemAdmin = me.role === "system_admin";
  // A failed run's error is what its reader came for.
  const errorFirst = run.status === "failed" && run.error !== null;
  const errorPanel = run.error ? (
    <Panel title="Error">
      <RunErrorBlock error={run.error} />
    </Panel>
  ) : null;
  return (
    <div className={styles.page}>
      <title>{`${run.jobType} · Run · Automation`}</title>
      <BackToListLink />
      <div className={styles.header}>
        <div className={styles.heading}>
          <h1 className={styles.title}>
            {run.jobType} <RunStatusBadge status={run.status} />
          </h1>
          <span className={styles.runIdLine}>
            <code className={styles.runId}>{run.id}</code>
            <CopyRunIdButton runId={run.id} />
          </span>
        </div>
        {canManageRuns(me) ? <RunActions run={run} /> : <WhyNoRunActions status={run.status} />}
      </div>

      <div className={styles.columns}>
        <div className={styles.column}>
          <Panel title="Overview">
            <RunOverview detail={detail.data} currentUserId={me.user.id} showBusiness={isSystemAdmin} />
          </Panel>
          {errorFirst ? errorPanel : null}
          <Panel title="Parameters">
            <JsonBlock value={run.params} label="Parameters" />
          </Panel>
          <Panel title="Result">
            <RunResult run={run} />
          </Panel>
          {run.error && !errorFirst ? errorPanel : null}
          <Panel title="Logs" flush>
            <RunLogs logs={detail.data.logs} />
          </Panel>
        </div>
        <div className={styles.column}>
          <Panel title="Attempts">
            {/* A running attempt's bar ends at the time of the last answer, and grows with each refresh. */}
            <AttemptTimelineChart attempts={detail.data.attempts} now={detail.dataUpdatedAt} />
            <AttemptsTimeline attempts={detail.data.attempts} maxAttempts={run.maxAttempts} />
          </Panel>
          <Panel title="Attachments">
            <RunAttachments attachments={detail.data.attachments} />
          </Panel>
          {detail.data.children.length ? (
            <Panel title="Runs started by this run">
              <ChildRuns runs={detail.data.children} />
            </Panel>
          ) : null}
          <Panel title="Audit trail">
            <AuditTrail events={detail.data.audit} />
          </Panel>
        </div>
      </div>
    </div>
  );
}
