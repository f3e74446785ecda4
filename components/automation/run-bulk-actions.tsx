"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { errorMessage } from "@/lib/client/api-error";
import { useBulkChangeMutation, useMatchingRunCount, type BulkTarget } from "@/lib/client/bulk-job-runs";
import type { JobRunListFilters } from "@/lib/client/run-view";
import { BULK_LIMIT, type BulkAction } from "@/lib/job-runs/schemas";
import { BULK_WORDS, describeBulkResult, runCount } from "./bulk-outcome";
import { formatCount } from "./format";
import type { RunSelection } from "./use-run-selection";
import styles from "./run-bulk-actions.module.css";

interface RunBulkActionsProps {
  selection: RunSelection;
  filters: JobRunListFilters;
}

/** Cancel or retry the selected runs, or every run matching the filter, after a confirmation. */
export function RunBulkActions({ selection, filters }: RunBulkActionsProps) {
  const [confirming, setConfirming] = useState<BulkAction | null>(null);
  const [summary, setSummary] = useState("");
  const bulk = useBulkChangeMutation();
  // Counted only once every shown row is ticked: that is when "all matching" is offered.
  const matching = useMatchingRunCount(filters, { enabled: selection.shownState === true });
  const count = selection.allMatching ? (matching.data ?? 0) : selection.ids.size;
  const overLimit = selection.allMatching && count > BULK_LIMIT;
  const target: BulkTarget = selection.allMatching ? { filters } : { ids: [...selection.ids] };

  function confirm(action: BulkAction) {
    setSummary("");
    bulk.mutate(
      { action, target },
      {
        onSuccess: (result) => {
          setSummary(describeBulkResult(result));
          selection.clear();
        },
        onSettled: () => setConfirming(null),
      },
    );
  }

  const selectedText = selection.allMatching
    ? `All ${runCount(count)} matching the filter are selected`
    : count
      ? `${runCount(count)} selected`
      : "Select runs to cancel or retry them";

  return (
    <div className={count ? styles.bar : `${styles.bar} ${styles.idle}`}>
      <div className={styles.row} role="group" aria-label="Bulk actions">
        <span className={styles.selected}>{selectedText}</span>
        {selection.shownState === true && !selection.allMatching ? (
          <Button size="small" onClick={selection.selectAllMatching} disabled={matching.data === undefined}>
            {`Select all matching the filter (${matching.data === undefined ? "counting…" : formatCount(matching.data)})`}
          </Button>
        ) : null}
        {count ? (
          <Button size="small" variant="ghost" onClick={selection.clear}>
            Clear selection
          </Button>
        ) : null}
        <span className={styles.actions}>
          <Button size="small" variant="danger" disabled={!count || bulk.isPending} onClick={() => setConfirming("cancel")}>
            Cancel selected…
          </Button>
          <Button size="small" disabled={!count || bulk.isPending} onClick={() => setConfirming("retry")}>
            Retry selected…
          </Button>
        </span>
      </div>
      <p className={`${styles.summary} ${bulk.isError ? styles.error : ""}`} role="status" aria-live="polite">
        {bulk.isError ? errorMessage(bulk.error) : summary}
      </p>
      <Dialog
        open={confirming !== null}
        title={confirming ? `${BULK_WORDS[confirming].verb} ${selection.allMatching ? "all " : ""}${runCount(count)}?` : ""}
        onClose={() => setConfirming(null)}
      >
        {confirming ? (
          <>
            <p className={styles.explain}>
              {selection.allMatching ? `Every run matching the current filter: ${runCount(count)}. ` : ""}
              Only runs that are {BULK_WORDS[confirming].eligible} are changed; the others are skipped and listed in the result.
            </p>
            {overLimit ? (
              <p className={styles.limit}>
                At most {formatCount(BULK_LIMIT)} runs can be changed at once. Narrow the filter, for example by status or date.
              </p>
            ) : null}
            <div className={styles.dialogButtons}>
              <Button onClick={() => setConfirming(null)}>Keep them</Button>
              <Button variant={confirming === "cancel" ? "danger" : "primary"} disabled={bulk.isPending || overLimit} onClick={() => confirm(confirming)}>
                {bulk.isPending ? "Working…" : `${BULK_WORDS[confirming].verb} ${runCount(count)}`}
              </Button>
            </div>
          </>
        ) : null}
      </Dialog>
    </div>
  );
}
