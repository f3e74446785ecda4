import type { JobRegistry } from "../jobs/registry";
import type { ClaimedRun, RunQueue, RunStartFacts } from "./claim";
import { describeError } from "./describe-error";
import { startRun, type RunObserver, type RunOutcome, type RunningRun } from "./execute-run";
import type { LeaseKeeper } from "./lease-keeper";
import { RunAbortedError } from "./run-abort";
import type { MessageLog } from "../logging/logger";

export interface StopSummary {
  /** Runs that settled on their own during the grace period. */
  finished: number;
  /** Runs aborted when the grace period ran out and handed back to the queue. */
  aborted: number;
}

export interface ActiveRunsOptions {
  queue: RunQueue;
  leases: LeaseKeeper;
  jobs?: JobRegistry;
  observer?: RunObserver;
  onSettled?: (run: ClaimedRun, outcome: RunOutcome) => void;
  /** Called whenever a run settles and its slot is free again. */
  onSlotFreed: () => void;
  log: MessageLog;
}

/** The runs a worker is executing, from launch until each is settled. */
export class ActiveRuns {
  private readonly running = new Map<string, RunningRun>();

  constructor(private readonly options: ActiveRunsOptions) {}

  get size(): number {
    return this.running.size;
  }

  /** Starts a claimed batch; the checks before each handler are answered for the whole batch in one query. */
  launch(batch: ClaimedRun[]): void {
    if (batch.length === 0) return;
    const facts = this.options.queue.readStartFacts(batch);
    for (const run of batch) this.start(run, facts.then((all) => all.get(run.id)));
  }

  private start(run: ClaimedRun, facts: Promise<RunStartFacts | undefined>): void {
    const { queue, leases, jobs, observer, onSettled, onSlotFreed, log } = this.options;
    const running = startRun({ run, queue, leases, jobs, observer, facts });
    this.running.set(run.id, running);
    running.settled
      .then(
        (outcome) => onSettled?.(run, outcome),
        // The run keeps its lease row until a rescue; nothing else can settle it from here.
        (error: unknown) => log(`Could not settle run ${run.id}: ${describeError(error)}`, "error"),
      )
      .catch((error: unknown) => log(`onSettled failed: ${describeError(error)}`, "error"))
      .finally(() => {
        this.running.delete(run.id);
        onSlotFreed();
      });
  }

  /**
   * Waits for every run to settle until `graceMs` passes or `cut` resolves, then aborts the rest
   * (they go back to the queue) and waits for those too.
   */
  async drain(graceMs: number, cut: Promise<void>): Promise<StopSummary> {
    const inFlight = [...this.running.values()];
    const allSettled = Promise.allSettled(inFlight.map((running) => running.settled));
    const inTime = await settlesWithin(allSettled, graceMs, cut);
    const late = inTime ? [] : [...this.running.values()];
    for (const running of late) {
      running.abort(new RunAbortedError("shutdown", "The worker is shutting down"));
    }
    await allSettled;
    return { finished: inFlight.length - late.length, aborted: late.length };
  }
}

async function settlesWithin(work: Promise<unknown>, ms: number, cut: Promise<void>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), expired, cut.then(() => false)]);
  } finally {
    clearTimeout(timer);
  }
}
