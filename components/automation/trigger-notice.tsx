import { Button } from "@/components/ui/button";
import type { TriggerResult } from "@/lib/client/job-run-schemas";
import { shortRunId } from "./run-labels";
import { RunLink } from "./run-link";
import styles from "./automation-dashboard.module.css";

/** Confirms what the Run job dialog did, with a way to the run. */
export function TriggerNotice({ result, onDismiss }: { result: TriggerResult; onDismiss: () => void }) {
  const { run, created } = result;
  return (
    <div className={styles.notice} role="status">
      <span>
        {created ? "Queued " : "A run with this idempotency key already exists: "}
        <strong>{run.jobType}</strong> <code>{shortRunId(run.id)}</code>
      </span>
      <RunLink runId={run.id}>View run</RunLink>
      <Button size="small" variant="ghost" className={styles.dismiss} onClick={onDismiss}>
        Dismiss
      </Button>
    </div>
  );
}
