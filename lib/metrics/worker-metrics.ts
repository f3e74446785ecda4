import { Counter, Gauge, Histogram } from "prom-client";
import { registeredOnce } from "./registry";

/*
 * What a worker process counts about its own work. Every update is an in-memory increment: no
 * metric costs a database statement on the path that claims and settles runs. No metric carries
 * the worker's identity; the scraper's own target label (`instance`) tells workers apart.
 */

const RUN_SECONDS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];
const WAIT_SECONDS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3_600];
const CLAIM_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

export type RunOutcomeLabel = "succeeded" | "retrying" | "failed" | "cancelled" | "lost" | "released";
export type FencedWrite = "complete" | "fail" | "release" | "progress";

const runsFinished = () =>
  registeredOnce(
    "automation_worker_runs_finished_total",
    (registry) =>
      new Counter({
        name: "automation_worker_runs_finished_total",
        help: "Attempts this worker settled, by job type, outcome and business (see the business label rule)",
        labelNames: ["job_type", "outcome", "business"],
        registers: [registry],
      }),
  );

const runDuration = () =>
  registeredOnce(
    "automation_worker_run_duration_seconds",
    (registry) =>
      new Histogram({
        name: "automation_worker_run_duration_seconds",
        help: "Time from claiming an attempt to settling it, by job type and outcome",
        labelNames: ["job_type", "outcome"],
        buckets: RUN_SECONDS,
        registers: [registry],
      }),
  );

const queueWait = () =>
  registeredOnce(
    "automation_worker_queue_wait_seconds",
    (registry) =>
      new Histogram({
        name: "automation_worker_queue_wait_seconds",
        help: "Time a run waited between becoming due (run_at) and being claimed, by job type",
        labelNames: ["job_type"],
        buckets: WAIT_SECONDS,
        registers: [registry],
      }),
  );

const claimedRuns = () =>
  registeredOnce(
    "automation_worker_claimed_runs_total",
    (registry) =>
      new Counter({ name: "automation_worker_claimed_runs_total", help: "Runs this worker claimed", registers: [registry] }),
  );

const claimDuration = () =>
  registeredOnce(
    "automation_worker_claim_duration_seconds",
    (registry) =>
      new Histogram({
        name: "automation_worker_claim_duration_seconds",
        help: "Time one claim statement took, by result: claimed (at least one run), empty, or error",
        labelNames: ["result"],
        buckets: CLAIM_SECONDS,
        registers: [registry],
      }),
  );

const rescued = () =>
  registeredOnce(
    "automation_worker_rescued_runs_total",
    (registry) =>
      new Counter({
        name: "automation_worker_rescued_runs_total",
        help: "Stalled runs of any worker that this worker's sweep rescued, by what became of them",
        labelNames: ["outcome"],
        registers: [registry],
      }),
  );

const fenceRefusals = () =>
  registeredOnce(
    "automation_worker_fence_refusals_total",
    (registry) =>
      new Counter({
        name: "automation_worker_fence_refusals_total",
        help: "Writes of this worker that the lease fence refused (the run was cancelled or taken over), by write",
        labelNames: ["write"],
        registers: [registry],
      }),
  );

const retries = () =>
  registeredOnce(
    "automation_worker_retries_total",
    (registry) =>
      new Counter({
        name: "automation_worker_retries_total",
        help: "Failed attempts queued again with backoff, by job type",
        labelNames: ["job_type"],
        registers: [registry],
      }),
  );

const fanOuts = () =>
  registeredOnce(
    "automation_scheduler_fan_outs_total",
    (registry) =>
      new Counter({
        name: "automation_scheduler_fan_outs_total",
        help: "Schedule slots whose fan-out run this process queued, by schedule",
        labelNames: ["schedule"],
        registers: [registry],
      }),
  );

export interface SettledRunFigures {
  jobType: string;
  outcome: RunOutcomeLabel;
  business: string;
  seconds: number;
}

export function countSettledRun({ jobType, outcome, business, seconds }: SettledRunFigures): void {
  runsFinished().inc({ job_type: jobType, outcome, business });
  runDuration().observe({ job_type: jobType, outcome }, Math.max(0, seconds));
  if (outcome === "retrying") retries().inc({ job_type: jobType });
}

export function observeQueueWait({ jobType, seconds }: { jobType: string; seconds: number }): void {
  queueWait().observe({ job_type: jobType }, Math.max(0, seconds));
}

export function observeClaim({ claimed, seconds, failed = false }: { claimed: number; seconds: number; failed?: boolean }): void {
  claimDuration().observe({ result: failed ? "error" : claimed > 0 ? "claimed" : "empty" }, seconds);
  if (claimed > 0) claimedRuns().inc(claimed);
}

export function countRescues({ requeued, failed }: { requeued: number; failed: number }): void {
  if (requeued) rescued().inc({ outcome: "requeued" }, requeued);
  if (failed) rescued().inc({ outcome: "failed" }, failed);
}

export function countFenceRefusal(write: FencedWrite): void {
  fenceRefusals().inc({ write });
}

export function countFanOut(schedule: string): void {
  fanOuts().inc({ schedule });
}

let readSlots: () => { busy: number; concurrency: number } = () => ({ busy: 0, concurrency: 0 });

/** Busy and free slots of this process's worker, read from it at each scrape. */
export function registerSlotGauge(read: () => { busy: number; concurrency: number }): void {
  readSlots = read;
  registeredOnce(
    "automation_worker_slots",
    (registry) =>
      new Gauge({
        name: "automation_worker_slots",
        help: "This worker's run slots, busy or free",
        labelNames: ["state"],
        registers: [registry],
        collect() {
          const { busy, concurrency } = readSlots();
          this.set({ state: "busy" }, busy);
          this.set({ state: "free" }, Math.max(0, concurrency - busy));
        },
      }),
  );
}
