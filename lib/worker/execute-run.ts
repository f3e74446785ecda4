import { computeBackoffMs } from "../jobs/backoff";
import { isPermanentFailure } from "../jobs/errors";
import { jobRegistry, type JobRegistry } from "../jobs/registry";
import { currentTenantContext, runInTenantContext } from "../jobs/tenant-context";
import type { AttemptOutcome, ClaimedRun, Completion, LogLevel, LogLine, RunFailure, RunQueue, RunStartFacts } from "./claim";
import type { LeaseKeeper } from "./lease-keeper";
import { abortReasonOf, raceWithAbort, RunAbortedError } from "./run-abort";
import { buildJobContext } from "./run-context";
import { countFenceRefusal } from "../metrics/worker-metrics";
import { checkRunMayStart } from "./run-guards";
import { RunLog } from "./run-log";

export type RunOutcome =
  | { status: "succeeded"; result: unknown }
  | { status: "retrying"; error: string; retryInMs: number }
  | { status: "failed"; error: string }
  /** The lease was taken away: cancelled from the API, or rescued by another worker. */
  | { status: "cancelled" }
  | { status: "lost" }
  /** Handed back to the queue without using up the attempt (shutdown). */
  | { status: "released" };

export interface RunObserver {
  onLog?(run: ClaimedRun, level: LogLevel, message: string): void;
  onProgress?(run: ClaimedRun, fraction: number, message: string | null): void;
}

export interface StartRunOptions {
  run: ClaimedRun;
  queue: RunQueue;
  leases: LeaseKeeper;
  jobs?: JobRegistry;
  observer?: RunObserver;
  random?: () => number;
  /** The start checks' facts, read with the rest of the claimed batch; read for this run alone when absent. */
  facts?: Promise<RunStartFacts | undefined>;
  /** Records a success; batched by the worker, one statement per run when absent. */
  complete?: (completion: Completion) => Promise<boolean>;
  /** Called once the handler has returned successfully and only the record of it is left to write. */
  onHandlerDone?: () => void;
}

export interface RunningRun {
  run: ClaimedRun;
  /** Aborts the handler; the run is then settled according to the reason. */
  abort(reason: RunAbortedError): void;
  settled: Promise<RunOutcome>;
}

/**
 * Executes one claimed attempt, the same way for the worker and the command line. Whatever
 * happens, the attempt ends settled: succeeded, failed or re-queued with backoff, released, or
 * recognized as taken away. We MUST settle every run we claimed, or it stays running until a
 * rescue.
 */
export function startRun(options: StartRunOptions): RunningRun {
  // A run started from inside another run's tenant context would inherit that tenant.
  if (currentTenantContext()) throw new Error("A run cannot be started from inside another run");
  const { run, leases } = options;
  const controller = new AbortController();
  const abort = (reason: RunAbortedError) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  leases.hold({ runId: run.id, leaseId: run.leaseId, abort });
  const settled = executeAttempt(options, controller).finally(() => leases.drop(run.leaseId));
  return { run, abort, settled };
}

async function executeAttempt(options: StartRunOptions, controller: AbortController): Promise<RunOutcome> {
  const { run, queue, observer, jobs = jobRegistry, random } = options;
  const facts = options.facts ?? queue.readStartFacts([run]).then((all) => all.get(run.id));
  const lease = { runId: run.id, leaseId: run.leaseId };
  const log = new RunLog(queue, { runId: run.id, businessId: run.businessId, attempt: run.attempt }, (level, message) =>
    observer?.onLog?.(run, level, message),
  );

  let checked;
  try {
    checked = checkRunMayStart({ run, jobs, facts: await facts });
  } catch (error) {
    log.error(messageOf(error));
    await log.close();
    return settleFailure({ queue, run, error: failureOf(error), retryInMs: null, attemptStatus: "failed" });
  }

  const { definition } = checked;
  const timeout = setTimeout(
    () => controller.abort(new RunAbortedError("timeout", `Timed out after ${formatMs(definition.timeoutMs)}`)),
    definition.timeoutMs,
  );
  let settledHandler = false;
  const progress = async (fraction: number, message?: string) => {
    if (controller.signal.aborted) throw controller.signal.reason;
    if (settledHandler) return;
    const clamped = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
    observer?.onProgress?.(run, clamped, message ?? null);
    const held = await queue.updateProgress({ ...lease, fraction: clamped, message: message?.slice(0, 500) ?? null });
    if (!held) {
      countFenceRefusal("progress");
      controller.abort(new RunAbortedError("lease-lost", "The run was cancelled or taken over by another worker"));
      throw controller.signal.reason;
    }
  };

  try {
    log.info(`Attempt ${run.attempt} of ${run.maxAttempts} started by ${run.workerId}`);
    const context = buildJobContext({ run, params: checked.params, signal: controller.signal, log, progress });
    const work = runInTenantContext(
      { businessId: run.businessId, runId: run.id, attempt: run.attempt, jobType: run.jobType },
      () => definition.run(context),
    );
    const result = await raceWithAbort(Promise.resolve(work), controller.signal);
    settledHandler = true;
    options.onHandlerDone?.();
    const serialized = result === undefined ? null : JSON.stringify(result);
    const succeeded: LogLine = { runId: run.id, businessId: run.businessId, attempt: run.attempt, level: "info", message: "Succeeded" };
    const complete = options.complete ?? ((completion: Completion) => queue.complete(completion));
    if (await complete({ ...lease, result: serialized, logs: await log.drain(), logsIfSettled: [succeeded] })) {
      return { status: "succeeded", result };
    }
    countFenceRefusal("complete");
    return settleLost({ queue, run });
  } catch (error) {
    settledHandler = true;
    const aborted = abortReasonOf(controller.signal);
    if (aborted?.reason === "shutdown") {
      log.warn("The worker is shutting down; the run goes back to the queue without using up this attempt");
      await log.close();
      if (await queue.release(lease)) {
        return { status: "released" };
      }
      countFenceRefusal("release");
      return settleLost({ queue, run });
    }
    if (aborted?.reason === "lease-lost") {
      await log.close();
      return settleLost({ queue, run });
    }
    const failure = aborted ? { message: aborted.message, stack: null } : failureOf(error);
    const retryInMs =
      isPermanentFailure(error) && !aborted ? null : computeBackoffMs({ failedAttempt: run.attempt, policy: definition.backoff, random });
    log.error(failure.message);
    await log.close();
    return settleFailure({ queue, run, error: failure, retryInMs, attemptStatus: aborted ? "timed_out" : "failed" });
  } finally {
    clearTimeout(timeout);
  }
}

async function settleFailure({
  queue,
  run,
  error,
  retryInMs,
  attemptStatus,
}: {
  queue: RunQueue;
  run: ClaimedRun;
  error: RunFailure;
  retryInMs: number | null;
  attemptStatus: AttemptOutcome;
}): Promise<RunOutcome> {
  const lease = { runId: run.id, leaseId: run.leaseId };
  const status = await queue.fail({ ...lease, error, retryInMs, attemptStatus });
  if (status === "lost") {
    countFenceRefusal("fail");
    return settleLost({ queue, run });
  }
  if (status === "retrying" && retryInMs !== null) {
    await queue.appendLogs([
      { runId: run.id, businessId: run.businessId, attempt: run.attempt, level: "warn", message: `Retrying in ${formatMs(retryInMs)}` },
    ]);
    return { status: "retrying", error: error.message, retryInMs };
  }
  return { status: "failed", error: error.message };
}

/** The run changed hands while we worked; record why on our attempt, never touch the run itself. */
async function settleLost({ queue, run }: { queue: RunQueue; run: ClaimedRun }): Promise<RunOutcome> {
  const status = await queue.readStatus(run.id);
  const cancelled = status === "cancelled";
  // A rescuer closes the attempt itself; this only closes attempts nobody else did.
  await queue.finishAttempt({ runId: run.id, leaseId: run.leaseId, status: cancelled ? "cancelled" : "rescued" });
  if (cancelled) {
    await queue.appendLogs([
      { runId: run.id, businessId: run.businessId, attempt: run.attempt, level: "warn", message: "Cancelled while running; the handler was stopped" },
    ]);
  }
  return cancelled ? { status: "cancelled" } : { status: "lost" };
}

function failureOf(error: unknown): RunFailure {
  if (error instanceof Error) return { message: error.message || error.name, stack: error.stack ?? null };
  return { message: String(error), stack: null };
}

function messageOf(error: unknown): string {
  return failureOf(error).message;
}

function formatMs(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(ms % 1_000 === 0 ? 0 : 1)} s`;
}
