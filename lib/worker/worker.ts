import type { JobRegistry } from "../jobs/registry";
import { getLogger, messageLog, type MessageLog } from "../logging/logger";
import { currentTenantContext } from "../jobs/tenant-context";
import { ActiveRuns, type StopSummary } from "./active-runs";
import { RunQueue, type ClaimedRun, type Completion } from "./claim";
import { runClaimLoop } from "./claim-loop";
import { describeError } from "./describe-error";
import { Doorbell } from "./doorbell";
import type { RunObserver, RunOutcome } from "./execute-run";
import { CompletionBatcher } from "./completion-batcher";
import { LeaseKeeper } from "./lease-keeper";
import { type PeriodicTask, startPeriodicTask } from "./periodic-task";
import { rescueTask } from "./rescue-task";
import { WorkerRunMetrics } from "./run-metrics";
import { defaultWorkerId } from "./worker-id";

export type { PeriodicTask } from "./periodic-task";
export type { StopSummary } from "./active-runs";

const DEFAULT_COMPLETION_DELAY_MS = 2;
// Bounds one statement's size; a busier worker simply writes batches back to back.
const MAX_COMPLETION_BATCH = 200;

export interface WorkerOptions {
  workerId?: string;
  concurrency: number;
  /** At most this many runs claimed beyond the free slots (see ClaimPace); eight times the concurrency (at most 256) by default, 0 claims only for free slots. */
  claimAhead?: number;
  /** How long a success waits for others to be written with it (ms); 2 by default. */
  completionDelayMs?: number;
  pollIntervalMs: number;
  heartbeatMs: number;
  rescueAfterMs: number;
  shutdownGraceMs: number;
  /** How often this worker sweeps for stalled runs; a third of rescueAfterMs by default. */
  rescueIntervalMs?: number;
  jobs?: JobRegistry;
  queue?: RunQueue;
  /** Work repeated on a timer in the worker process, such as the scheduler tick. */
  periodicTasks?: PeriodicTask[];
  observer?: RunObserver;
  /** Where the worker counts its claims and settled runs; a fresh one (with no business labels yet) by default. */
  metrics?: WorkerRunMetrics;
  onSettled?: (run: ClaimedRun, outcome: RunOutcome) => void;
  log?: MessageLog;
}

export interface WorkerHandle {
  readonly workerId: string;
  readonly activeRuns: number;
  /** Stops claiming, waits up to the grace period for running handlers, then aborts and releases them. */
  stop(options?: { graceMs?: number }): Promise<StopSummary>;
  /** Ends the grace period of a stop in progress now (a second Ctrl-C). */
  hurry(): void;
  /** Looks for runs now instead of at the next poll (new work was announced). */
  wake(): void;
}

export function startWorker(options: WorkerOptions): WorkerHandle {
  if (currentTenantContext()) throw new Error("A worker cannot be started from inside a run");
  const { concurrency, pollIntervalMs, shutdownGraceMs } = options;
  const queue = options.queue ?? new RunQueue();
  const workerId = options.workerId ?? defaultWorkerId();
  const log = options.log ?? messageLog(getLogger().child({ workerId }));
  const leases = new LeaseKeeper(queue, options.heartbeatMs, (error) => log(`Heartbeat failed: ${describeError(error)}`, "warn"));
  const doorbell = new Doorbell();
  const { jobs, observer } = options;
  const metrics = options.metrics ?? new WorkerRunMetrics();
  const onSettled = (run: ClaimedRun, outcome: RunOutcome) => {
    metrics.settled(run, outcome);
    options.onSettled?.(run, outcome);
  };
  const completions = new CompletionBatcher(queue, {
    delayMs: options.completionDelayMs ?? DEFAULT_COMPLETION_DELAY_MS,
    maxBatch: MAX_COMPLETION_BATCH,
    onError: (message) => log(message, "warn"),
  });
  const complete = (completion: Completion) => completions.complete(completion);
  const runs = new ActiveRuns({ queue, leases, concurrency, jobs, observer, complete, onSettled, log, onSlotFreed: () => doorbell.ring() });
  metrics.watchSlots(() => ({ busy: runs.size, concurrency }));
  const grace = graceCut();
  let stopping = false;
  let stopped: Promise<StopSummary> | undefined;

  leases.start();
  const claimAhead = options.claimAhead ?? Math.min(concurrency * 8, 256);
  const claimLoop = runClaimLoop({ queue, workerId, concurrency, claimAhead, pollIntervalMs, runs, doorbell, stopping: () => stopping, log, metrics });
  const { rescueAfterMs, rescueIntervalMs } = options;
  const periodic = [rescueTask({ queue, rescueAfterMs, rescueIntervalMs, log }), ...(options.periodicTasks ?? [])].map(
    (task) => startPeriodicTask(task, log),
  );

  return {
    workerId,
    get activeRuns() {
      return runs.size;
    },
    stop({ graceMs = shutdownGraceMs } = {}) {
      stopped ??= (async () => {
        stopping = true;
        completions.hurry();
        doorbell.ring();
        await Promise.all(periodic.map((task) => task.stop()));
        await claimLoop;
        const summary = await runs.drain(graceMs, grace.cut);
        await completions.close();
        await leases.stop();
        return summary;
      })();
      return stopped;
    },
    hurry() {
      grace.end();
    },
    wake() {
      doorbell.ring();
    },
  };
}

/** A promise that `end()` resolves: a second Ctrl-C ends the grace period of a stop early. */
function graceCut(): { cut: Promise<void>; end: () => void } {
  let end: () => void = () => {};
  const cut = new Promise<void>((resolve) => {
    end = resolve;
  });
  return { cut, end };
}
