import type { JobRegistry } from "../jobs/registry";
import { getLogger, messageLog, type MessageLog } from "../logging/logger";
import { currentTenantContext } from "../jobs/tenant-context";
import { RunQueue, type ClaimedRun } from "./claim";
import { Doorbell } from "./doorbell";
import { startRun, type RunObserver, type RunOutcome, type RunningRun } from "./execute-run";
import { LeaseKeeper } from "./lease-keeper";
import { rescueStaleRuns } from "./rescue";
import { RunAbortedError } from "./run-abort";
import { defaultWorkerId } from "./worker-id";

export interface PeriodicTask {
  name: string;
  everyMs: number;
  /** Run once right after start instead of waiting a full interval. */
  atStart?: boolean;
  run(): Promise<unknown>;
}

export interface WorkerOptions {
  workerId?: string;
  concurrency: number;
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
  onSettled?: (run: ClaimedRun, outcome: RunOutcome) => void;
  log?: MessageLog;
}

export interface StopSummary {
  /** Runs that settled on their own during the grace period. */
  finished: number;
  /** Runs aborted when the grace period ran out and handed back to the queue. */
  aborted: number;
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
  const { concurrency, pollIntervalMs, shutdownGraceMs, jobs, observer, onSettled } = options;
  const queue = options.queue ?? new RunQueue();
  const workerId = options.workerId ?? defaultWorkerId();
  const log = options.log ?? messageLog(getLogger().child({ workerId }));
  const leases = new LeaseKeeper(queue, options.heartbeatMs, (error) => log(`Heartbeat failed: ${describe(error)}`, "warn"));
  const active = new Map<string, RunningRun>();
  const doorbell = new Doorbell();
  let stopping = false;
  let stopped: Promise<StopSummary> | undefined;
  let endGrace: () => void = () => {};
  const graceCut = new Promise<void>((resolve) => {
    endGrace = resolve;
  });

  leases.start();

  const launch = (run: ClaimedRun) => {
    const running = startRun({ run, queue, leases, jobs, observer });
    active.set(run.id, running);
    running.settled
      .then(
        (outcome) => onSettled?.(run, outcome),
        // The run keeps its lease row until a rescue; nothing else can settle it from here.
        (error: unknown) => log(`Could not settle run ${run.id}: ${describe(error)}`, "error"),
      )
      .catch((error: unknown) => log(`onSettled failed: ${describe(error)}`, "error"))
      .finally(() => {
        active.delete(run.id);
        doorbell.ring();
      });
  };

  const claimLoop = (async () => {
    let failures = 0;
    while (!stopping) {
      const free = concurrency - active.size;
      let claimed = 0;
      if (free > 0) {
        try {
          const runs = await queue.claim({ workerId, limit: free });
          // Launched even if a stop arrived meanwhile: these runs are ours now and MUST be settled.
          for (const run of runs) launch(run);
          claimed = runs.length;
          failures = 0;
        } catch (error) {
          failures += 1;
          if (failures === 1 || Number.isInteger(Math.log2(failures))) log(`Claim failed (${failures}×): ${describe(error)}`, "warn");
        }
      }
      // While the database is unreachable, ask less and less often (up to 30 s) rather than every poll.
      const backoffMs = failures > 0 ? Math.min(30_000, pollIntervalMs * 2 ** Math.min(failures - 1, 10)) : pollIntervalMs;
      // A full claim may mean more work is waiting: ask again at once unless every slot is busy.
      if (failures > 0 || claimed < free || active.size >= concurrency) await doorbell.wait(backoffMs);
    }
  })();

  const rescueTask: PeriodicTask = {
    name: "rescue",
    atStart: true,
    everyMs: options.rescueIntervalMs ?? Math.min(60_000, Math.max(500, Math.round(options.rescueAfterMs / 3))),
    run: async () => {
      const summary = await rescueStaleRuns({ queue, staleAfterMs: options.rescueAfterMs });
      if (summary.requeued || summary.failed) log(`Rescued stalled runs: ${summary.requeued} queued again, ${summary.failed} failed`);
    },
  };
  const periodic = [rescueTask, ...(options.periodicTasks ?? [])].map((task) => repeat(task, log));

  return {
    workerId,
    get activeRuns() {
      return active.size;
    },
    stop({ graceMs = shutdownGraceMs } = {}) {
      stopped ??= (async () => {
        stopping = true;
        doorbell.ring();
        await Promise.all(periodic.map((task) => task.stop()));
        await claimLoop;
        const inFlight = [...active.values()];
        const allSettled = Promise.allSettled(inFlight.map((running) => running.settled));
        const inTime = await settlesWithin(allSettled, graceMs, graceCut);
        const late = inTime ? [] : [...active.values()];
        for (const running of late) {
          running.abort(new RunAbortedError("shutdown", "The worker is shutting down"));
        }
        await allSettled;
        await leases.stop();
        return { finished: inFlight.length - late.length, aborted: late.length };
      })();
      return stopped;
    },
    hurry() {
      endGrace();
    },
    wake() {
      doorbell.ring();
    },
  };
}

/** Runs a task every `everyMs`, never two rounds at once; stop() waits for the round in progress. */
function repeat(task: PeriodicTask, log: MessageLog) {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;
  let stopped = false;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = task
        .run()
        .catch((error: unknown) => log(`${task.name} failed: ${describe(error)}`, "warn"))
        .finally(() => {
          current = undefined;
          schedule(task.everyMs);
        });
    }, delayMs);
  };
  schedule(task.atStart ? 0 : task.everyMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
