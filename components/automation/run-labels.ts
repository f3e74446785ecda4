import type { JobRunResponse, RunStatus } from "@/lib/job-runs/schemas";

export const STATUS_LABELS: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** Chart and bar fills; the same colours as the status badges' CSS variables. */
export const STATUS_FILLS: Record<RunStatus, string> = {
  queued: "#98a2b3",
  running: "#2e6be6",
  succeeded: "#17a35f",
  failed: "#d92d20",
  cancelled: "#e08a0b",
};

const TRIGGER_SOURCE_LABELS: Record<JobRunResponse["triggerSource"], string> = {
  manual: "Manual",
  api: "API",
  schedule: "Schedule",
  cli: "Command line",
  system: "System",
};

export function triggerSourceLabel(source: JobRunResponse["triggerSource"]): string {
  return TRIGGER_SOURCE_LABELS[source];
}

/** Who started a run: "you", their email, or a short id for a user who no longer exists. */
export function triggeredByLabel(
  run: Pick<JobRunResponse, "triggeredByUserId" | "triggeredByEmail">,
  currentUserId: string,
): string | null {
  if (!run.triggeredByUserId) return null;
  if (run.triggeredByUserId === currentUserId) return "you";
  return run.triggeredByEmail ?? `user ${run.triggeredByUserId.slice(0, 8)}`;
}

export function businessLabel(run: Pick<JobRunResponse, "businessId" | "businessName" | "scope">): string {
  if (run.scope === "system") return "System";
  if (!run.businessId) return "No business (orphan)";
  return run.businessName ?? "Unknown business";
}

export function shortRunId(id: string): string {
  return id.slice(0, 8);
}
