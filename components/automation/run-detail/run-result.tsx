import type { JobRunResponse, RunStatus } from "@/lib/job-runs/schemas";
import { JsonBlock } from "./json-block";
import styles from "./run-detail.module.css";

const NO_RESULT: Record<RunStatus, string> = {
  queued: "No result yet.",
  running: "No result yet.",
  succeeded: "No result: the job returned nothing.",
  failed: "Failed — see error",
  cancelled: "Cancelled",
};

/** The run's result, or what its status says in its place. */
export function RunResult({ run }: { run: Pick<JobRunResponse, "status" | "result" | "error"> }) {
  if (run.result !== null) return <JsonBlock value={run.result} label="Result" />;
  const text = run.status === "failed" && !run.error ? "Failed" : NO_RESULT[run.status];
  return <p className={styles.muted}>{text}</p>;
}
