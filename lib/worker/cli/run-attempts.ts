import type { JobRegistry } from "../../jobs/registry";
import type { Logger } from "../../logging/logger";
import type { ClaimedRun, RunQueue } from "../claim";
import { startRun, type RunObserver } from "../execute-run";
import type { LeaseKeeper } from "../lease-keeper";
import type { CliInterrupt } from "./cli-interrupt";
import { type CliOutput, EXIT } from "./cli-output";
import { reportOutcome } from "./report-outcome";

export interface RunAttemptsOptions {
  run: ClaimedRun;
  queue: RunQueue;
  leases: LeaseKeeper;
  jobs: JobRegistry;
  workerId: string;
  output: CliOutput;
  interrupt: CliInterrupt;
  /** The run's own log lines (what the user sees goes to `output`). */
  runLog: Logger;
}

/** Runs attempt after attempt, waiting out each backoff, until the run settles. Returns the exit code. */
export async function runAttempts({ run: firstAttempt, queue, leases, jobs, workerId, output, interrupt, runLog }: RunAttemptsOptions): Promise<number> {
  let run: ClaimedRun | null = firstAttempt;
  for (;;) {
    output.out(`Attempt ${run.attempt} of ${run.maxAttempts}`);
    const current = startRun({ run, queue, leases, jobs, observer: printingObserver(output) });
    interrupt.watch(current);
    const outcome = await current.settled;
    runLog.info({ attempt: run.attempt, status: outcome.status }, `Attempt ${run.attempt}: ${outcome.status}`);
    if (outcome.status !== "retrying" || interrupt.interrupted) return reportOutcome(outcome, output);
    output.out(`Attempt ${run.attempt} failed: ${outcome.error}`);
    output.out(`Retrying in ${(outcome.retryInMs / 1000).toFixed(1)} s`);
    run = await claimWhenDue({ queue, runId: run.id, workerId, delayMs: outcome.retryInMs, interrupted: () => interrupt.interrupted });
    if (!run) {
      output.out(interrupt.interrupted ? "Interrupted; the run stays queued for a worker" : "The run was picked up elsewhere; follow it on its run page");
      return interrupt.interrupted ? EXIT.interrupted : EXIT.succeeded;
    }
  }
}

function printingObserver(output: CliOutput): RunObserver {
  return {
    onLog: (_run, level, message) => output.out(`  ${level.padEnd(5)} ${message}`),
    onProgress: (_run, fraction, message) => output.out(`  [${String(Math.round(fraction * 100)).padStart(3)}%] ${message ?? ""}`.trimEnd()),
  };
}

/** Waits out the backoff, then takes the run back, unless a worker took it first. */
async function claimWhenDue({
  queue,
  runId,
  workerId,
  delayMs,
  interrupted,
}: {
  queue: RunQueue;
  runId: string;
  workerId: string;
  delayMs: number;
  interrupted: () => boolean;
}): Promise<ClaimedRun | null> {
  let waitMs = delayMs;
  for (;;) {
    await sleepUnless(waitMs, interrupted);
    if (interrupted()) return null;
    const run = await queue.claimById({ runId, workerId });
    if (run) return run;
    if ((await queue.readStatus(runId)) !== "queued") return null;
    waitMs = 100;
  }
}

async function sleepUnless(ms: number, stop: () => boolean): Promise<void> {
  const until = performance.now() + ms;
  while (!stop() && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - performance.now())));
  }
}
