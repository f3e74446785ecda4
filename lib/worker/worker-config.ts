import { readEnv, type Env } from "../config/env";
import type { WorkerOptions } from "./worker";

type EnvWorkerOptions = Pick<
  WorkerOptions,
  "workerId" | "concurrency" | "claimAhead" | "completionDelayMs" | "pollIntervalMs" | "heartbeatMs" | "rescueAfterMs" | "shutdownGraceMs"
>;

export function workerOptionsFromEnv(env: Env = readEnv()): EnvWorkerOptions & { runScheduler: boolean; schedulerTickMs: number; startTimeoutMs: number } {
  if (env.WORKER_RESCUE_AFTER_MS < env.WORKER_HEARTBEAT_MS * 3) {
    // Otherwise a worker that is merely slow to heartbeat loses its runs to a rescuer.
    throw new Error("WORKER_RESCUE_AFTER_MS must be at least three times WORKER_HEARTBEAT_MS");
  }
  return {
    workerId: env.WORKER_ID,
    concurrency: env.WORKER_CONCURRENCY,
    claimAhead: env.WORKER_CLAIM_AHEAD,
    completionDelayMs: env.WORKER_COMPLETION_DELAY_MS,
    pollIntervalMs: env.WORKER_POLL_INTERVAL_MS,
    heartbeatMs: env.WORKER_HEARTBEAT_MS,
    rescueAfterMs: env.WORKER_RESCUE_AFTER_MS,
    shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_MS,
    runScheduler: env.WORKER_RUN_SCHEDULER,
    schedulerTickMs: env.SCHEDULER_TICK_MS,
    startTimeoutMs: env.WORKER_START_TIMEOUT_MS,
  };
}
