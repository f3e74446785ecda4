import { hostname } from "node:os";
import { beatWorkerPresence, forgetLongGoneWorkers } from "../tenancy/worker-registry-store";
import type { PeriodicTask } from "./periodic-task";
import { productVersion } from "./product-version";

export interface PresenceOptions {
  workerId: string;
  concurrency: number;
  /** The lease heartbeat interval: the row is refreshed as often as the leases are. */
  everyMs: number;
  /** Runs the worker holds now, read at each beat. */
  runsInFlight: () => number;
}

/**
 * Keeps the worker's row in the workers table fresh, one statement per heartbeat interval however
 * many runs it executes. The first beat registers it and forgets workers gone for a day.
 */
export function presenceTask({ workerId, concurrency, everyMs, runsInFlight }: PresenceOptions): PeriodicTask {
  let registered = false;
  return {
    name: "worker heartbeat",
    everyMs,
    atStart: true,
    async run() {
      await beatWorkerPresence({ id: workerId, host: hostname(), pid: process.pid, version: productVersion(), concurrency, runsInFlight: runsInFlight() });
      if (!registered) {
        registered = true;
        await forgetLongGoneWorkers();
      }
    },
  };
}
