import type { BulkResult } from "@/lib/client/job-run-schemas";
import type { BulkAction } from "@/lib/job-runs/schemas";
import { formatCount } from "./format";

export const BULK_WORDS: Record<BulkAction, { verb: string; done: string; eligible: string }> = {
  cancel: { verb: "Cancel", done: "Cancelled", eligible: "queued or running" },
  retry: { verb: "Retry", done: "Queued again", eligible: "failed or cancelled" },
};

export function runCount(count: number): string {
  return `${formatCount(count)} ${count === 1 ? "run" : "runs"}`;
}

/** One sentence on what a bulk action did, for the status line under the history's toolbar. */
export function describeBulkResult(result: BulkResult): string {
  const words = BULK_WORDS[result.action];
  const parts = [`${words.done}: ${runCount(result.counts.done)}.`];
  if (result.counts.skipped) parts.push(`Skipped ${runCount(result.counts.skipped)} that ${result.counts.skipped === 1 ? "was" : "were"} not ${words.eligible}.`);
  if (result.counts.notFound) parts.push(`${runCount(result.counts.notFound)} not found.`);
  return parts.join(" ");
}
