import { BusinessLabels, LABEL_REFRESH_MS } from "../metrics/business-labels";
import { countSettledRun, observeClaim, observeQueueWait, registerSlotGauge } from "../metrics/worker-metrics";
import type { ClaimedRun } from "./claim";
import type { RunOutcome } from "./execute-run";
import type { PeriodicTask } from "./periodic-task";

/**
 * The worker's hooks into its metrics: the claim loop and the settle path call these, and each
 * is an in-memory update. The only database reads are the business label refreshes, every few
 * minutes on a timer.
 */
export class WorkerRunMetrics {
  // Claim time by lease, on this process's monotonic clock: a run's duration is ours to measure.
  private readonly claimedAt = new Map<string, number>();

  constructor(private readonly labels: BusinessLabels = new BusinessLabels()) {}

  watchSlots(read: () => { busy: number; concurrency: number }): void {
    registerSlotGauge(read);
  }

  claimed(batch: ClaimedRun[], seconds: number): void {
    observeClaim({ claimed: batch.length, seconds });
    const now = performance.now();
    for (const run of batch) {
      this.claimedAt.set(run.leaseId, now);
      // Both times come from the database's clock, so hosts with drifting clocks agree.
      observeQueueWait({ jobType: run.jobType, seconds: (run.startedAt.getTime() - run.runAt.getTime()) / 1000 });
    }
  }

  claimFailed(seconds: number): void {
    observeClaim({ claimed: 0, seconds, failed: true });
  }

  settled(run: ClaimedRun, outcome: RunOutcome): void {
    const claimedAt = this.claimedAt.get(run.leaseId);
    this.claimedAt.delete(run.leaseId);
    countSettledRun({
      jobType: run.jobType,
      outcome: outcome.status,
      business: this.labels.labelOf(run.businessId),
      seconds: claimedAt === undefined ? 0 : (performance.now() - claimedAt) / 1000,
    });
  }

  /** Reads which businesses keep their own label; the worker does it once before its first claim. */
  refreshLabels(): Promise<void> {
    return this.labels.refresh();
  }

  labelRefreshTask(): PeriodicTask {
    return { name: "metrics business labels", everyMs: LABEL_REFRESH_MS, run: () => this.labels.refresh() };
  }
}
