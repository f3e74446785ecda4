"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { errorMessage } from "@/lib/client/api-error";
import { useCancelJobRunMutation, useRetryJobRunMutation } from "@/lib/client/job-runs";
import type { JobRunResponse } from "@/lib/job-runs/schemas";
import styles from "./run-detail.module.css";

/** Cancel and retry, offered to business admins and system admins for runs in a state that allows it. */
export function RunActions({ run }: { run: JobRunResponse }) {
  const cancel = useCancelJobRunMutation();
  const retry = useRetryJobRunMutation();
  const [confirming, setConfirming] = useState(false);
  const canCancel = run.status === "queued" || run.status === "running";
  const canRetry = run.status === "failed" || run.status === "cancelled";
  const failure = cancel.error ?? retry.error;
  const pending = cancel.isPending || retry.isPending;

  return (
    <div className={styles.actions}>
      {canCancel ? (
        <Button variant="danger" onClick={() => setConfirming(true)} disabled={pending}>
          Cancel run
        </Button>
      ) : null}
      {canRetry ? (
        <Button
          variant="primary"
          disabled={pending}
          onClick={() => {
            cancel.reset();
            retry.mutate(run.id);
          }}
        >
          {retry.isPending ? "Retrying…" : "Retry"}
        </Button>
      ) : null}
      <p className={`${styles.feedback} ${failure ? styles.feedbackError : ""}`} role="status" aria-live="polite">
        {failure ? errorMessage(failure) : retry.isSuccess && run.status === "queued" ? "Queued again." : cancel.isSuccess && run.status === "cancelled" ? "Run cancelled." : ""}
      </p>
      <Dialog open={confirming} title="Cancel this run?" onClose={() => setConfirming(false)}>
        <p style={{ marginTop: 0 }}>
          {run.status === "running"
            ? "The run stops at its next checkpoint. Work it has already done is not undone."
            : "The run is taken out of the queue and will not start."}
        </p>
        <div style={{ display: "flex", justifyContent: "flex-end", gap: "0.5rem", flexWrap: "wrap" }}>
          <Button onClick={() => setConfirming(false)}>Keep it</Button>
          <Button
            variant="danger"
            disabled={cancel.isPending}
            onClick={() => {
              retry.reset();
              cancel.mutate(run.id, { onSettled: () => setConfirming(false) });
            }}
          >
            {cancel.isPending ? "Cancelling…" : "Cancel run"}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
