import type { JobRegistry } from "../jobs/registry";
import type { ClaimedRun, Completion, RunQueue, RunStartFacts } from "./claim";
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
  /** Runs claimed ahead that never started, handed back to the queue at once. */
  unstarted: number;
}

export interface ActiveRunsOptions {
  queue: RunQueue;
  leases: LeaseKeeper;
  /** Handlers that may run at the same time. */
  concurrency: number;
  jobs?: JobRegistry;
  observer?: RunObserver;
  complete?: (completion: Completion) => Promise<boolean>;
  onSettled?: (run: ClaimedRun, outcome: RunOutcome) => void;
  /** Called whenever a slot is free again, or a run's outcome has been written. */
  onSlotFreed: () => void;
  log: MessageLog;
}

interface ClaimedAhead {
  run: ClaimedRun;
  facts: Promise<RunStartFacts | undefined>;
}

/**
 * The runs a worker holds, from claim until each is settled: claimed ahead and waiting for a slot,
 * running a handler (one slot each), or handler done and its success waiting to be written. A slot
 * is free again as soon as its handler returns, and starts the next claimed run without a round trip.
 */
export class ActiveRuns {
  private readonly running = new Map<string, RunningRun>();
  private readonly recording = new Map<string, RunningRun>();
  private readonly ahead: ClaimedAhead[] = [];
  private stopping = false;
  private startedCount = 0;

  constructor(private readonly options: ActiveRunsOptions) {}

  /** Busy slots. */
  get size(): number {
    return this.running.size;
  }

  /** Runs started since the worker began, a running total. */
  get started(): number {
    return this.startedCount;
  }

  /** Claimed runs waiting for a slot. */
  get waiting(): number {
    return this.ahead.length;
  }

  /** Runs whose handler is done and whose outcome is still being written. */
  get unwritten(): number {
    return this.recording.size;
  }

  /** Starts what fits in the free slots and keeps the rest; the checks before each handler are answered for the whole batch in one query. */
  launch(batch: ClaimedRun[]): void {
    if (batch.length === 0) return;
    const facts = this.options.queue.readStartFacts(batch);
    for (const run of batch) {
      const claimed = { run, facts: facts.then((all) => all.get(run.id)) };
      // Read again when the run starts; a failure is handled there, not as an unhandled rejection now.
      claimed.facts.catch(() => {});
      if (this.running.size < this.options.concurrency && !this.stopping) this.start(claimed);
      else this.keep(claimed);
    }
  }

  /** Holds a claimed run's lease (heartbeated like a running one) until a slot takes it. */
  private keep(claimed: ClaimedAhead): void {
    const { run } = claimed;
    this.ahead.push(claimed);
    this.options.leases.hold({
      runId: run.id,
      leaseId: run.leaseId,
      // Cancelled or rescued before it started: whoever took the lease closed the attempt.
      abort: () => {
        const at = this.ahead.indexOf(claimed);
        if (at >= 0) this.ahead.splice(at, 1);
      },
    });
  }

  private start({ run, facts }: ClaimedAhead): void {
    const { queue, leases, jobs, observer, complete, onSettled, log } = this.options;
    const running = startRun({ run, queue, leases, jobs, observer, facts, complete, onHandlerDone: () => this.handlerDone(run.id) });
    this.startedCount += 1;
    this.running.set(run.id, running);
    running.settled
      .then(
        (outcome) => onSettled?.(run, outcome),
        // The run keeps its lease row until a rescue; nothing else can settle it from here.
        (error: unknown) => log(`Could not settle run ${run.id}: ${describeError(error)}`, "error"),
      )
      .catch((error: unknown) => log(`onSettled failed: ${describeError(error)}`, "error"))
      .finally(() => {
        if (this.running.delete(run.id)) this.slotFreed();
        // A written success may give the claim loop room again (see claimRoom).
        else if (this.recording.delete(run.id)) this.options.onSlotFreed();
      });
  }

  private handlerDone(runId: string): void {
    const running = this.running.get(runId);
    if (!running) return;
    this.running.delete(runId);
    this.recording.set(runId, running);
    this.slotFreed();
  }

  private slotFreed(): void {
    const next = this.stopping ? undefined : this.ahead.shift();
    if (next) this.start(next);
    this.options.onSlotFreed();
  }

  /**
   * Hands the runs that never started back to the queue at once, waits for every running one to
   * settle until `graceMs` passes or `cut` resolves, then aborts the rest (they go back to the
   * queue) and waits for those too.
   */
  async drain(graceMs: number, cut: Promise<void>): Promise<StopSummary> {
    this.stopping = true;
    const unstarted = this.ahead.splice(0);
    const handedBack = Promise.all(unstarted.map(({ run }) => this.handBack(run)));
    const inFlight = [...this.running.values(), ...this.recording.values()];
    const allSettled = Promise.allSettled(inFlight.map((running) => running.settled));
    const inTime = await settlesWithin(allSettled, graceMs, cut);
    const late = inTime ? [] : [...this.running.values()];
    for (const running of late) {
      running.abort(new RunAbortedError("shutdown", "The worker is shutting down"));
    }
    await Promise.all([allSettled, handedBack]);
    return { finished: inFlight.length - late.length, aborted: late.length, unstarted: unstarted.length };
  }

  /** A run claimed ahead goes back without using up its attempt, as a released one does. */
  private async handBack(run: ClaimedRun): Promise<void> {
    const { queue, leases, onSettled, log } = this.options;
    try {
      const released = await queue.release({ runId: run.id, leaseId: run.leaseId });
      onSettled?.(run, released ? { status: "released" } : { status: "lost" });
    } catch (error) {
      log(`Could not hand run ${run.id} back to the queue: ${describeError(error)}`, "error");
    } finally {
      leases.drop(run.leaseId);
    }
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
