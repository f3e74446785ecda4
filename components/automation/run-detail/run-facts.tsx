import type { ReactNode } from "react";
import type { JobRunDetail } from "@/lib/client/job-run-schemas";
import { formatDateTime, formatDuration } from "../format";
import { businessLabel, triggeredByLabel, triggerSourceLabel } from "../run-labels";
import { RunLink } from "../run-link";
import styles from "./run-detail.module.css";

interface RunFactsProps {
  detail: JobRunDetail;
  currentUserId: string;
  showBusiness: boolean;
}

/** Who started the run, when, on which worker, and with which options. */
export function RunFacts({ detail, currentUserId, showBusiness }: RunFactsProps) {
  const { run } = detail;
  const triggeredBy = detail.audit.find((event) => event.action === "run.triggered")?.actorEmail ?? triggeredByLabel(run, currentUserId);
  return (
    <dl className={styles.facts}>
      {showBusiness ? <Fact term="Business">{businessLabel(run)}</Fact> : null}
      <Fact term="Triggered">
        {triggerSourceLabel(run.triggerSource)}
        {triggeredBy ? ` by ${triggeredBy}` : ""}
      </Fact>
      <Fact term="Created">{formatDateTime(run.createdAt)}</Fact>
      <Fact term="Scheduled for">{formatDateTime(run.runAt)}</Fact>
      <Fact term="Started">{formatDateTime(run.startedAt)}</Fact>
      <Fact term="Finished">{formatDateTime(run.finishedAt)}</Fact>
      <Fact term="Duration">{formatDuration(run.durationMs)}</Fact>
      <Fact term="Attempts">
        {run.attempt} of {run.maxAttempts}
      </Fact>
      <Fact term="Priority">{run.priority}</Fact>
      <Fact term="Tags">{run.tags.length ? run.tags.join(", ") : "—"}</Fact>
      {run.idempotencyKey ? (
        <Fact term="Idempotency key">
          <code>{run.idempotencyKey}</code>
        </Fact>
      ) : null}
      {run.lockedBy ? (
        <Fact term="Worker">
          <code>{run.lockedBy}</code>
        </Fact>
      ) : null}
      {run.parentRunId ? (
        <Fact term="Started by run">
          <RunLink runId={run.parentRunId}>
            <code>{run.parentRunId}</code>
          </RunLink>
        </Fact>
      ) : null}
    </dl>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
