import { Gauge } from "prom-client";
import { readEnv } from "../config/env";
import { ALL_BUSINESSES } from "../tenancy/scope";
import { readWorkerRegistry } from "../tenancy/worker-registry-store";
import { registeredOnce } from "./registry";

const WORKERS = "automation_workers";
const SLOTS = "automation_workers_slots";

/**
 * The fleet as the workers table shows it, read when scraped: how many workers are live or stale,
 * and the busy and free slots of the live ones as of their last heartbeat. Totals only: a worker
 * id as a label would start new series at every restart; each worker's own slots are on its port.
 */
export function registerWorkerGauges(): void {
  registeredOnce(
    WORKERS,
    (registry) =>
      new Gauge({
        name: WORKERS,
        help: "Registered worker processes, live or stale (no heartbeat for WORKER_RESCUE_AFTER_MS)",
        labelNames: ["state"],
        registers: [registry],
        async collect() {
          const { live, stale } = await fleet();
          this.set({ state: "live" }, live.length);
          this.set({ state: "stale" }, stale);
        },
      }),
  );
  registeredOnce(
    SLOTS,
    (registry) =>
      new Gauge({
        name: SLOTS,
        help: "Run slots of all live workers, busy or free, as of each worker's last heartbeat",
        labelNames: ["state"],
        registers: [registry],
        async collect() {
          const { live } = await fleet();
          const busy = live.reduce((sum, worker) => sum + Math.min(worker.runsInFlight, worker.concurrency), 0);
          const total = live.reduce((sum, worker) => sum + worker.concurrency, 0);
          this.set({ state: "busy" }, busy);
          this.set({ state: "free" }, total - busy);
        },
      }),
  );
}

async function fleet() {
  const staleAfterMs = readEnv().WORKER_RESCUE_AFTER_MS;
  const workers = await readWorkerRegistry(ALL_BUSINESSES);
  const live = workers.filter((worker) => worker.heartbeatAgeMs <= staleAfterMs);
  return { live, stale: workers.length - live.length };
}
