import { Gauge } from "prom-client";
import { countActiveRuns, oldestQueuedRunAgeSeconds } from "./queue-queries";
import { registeredOnce } from "./registry";

const ACTIVE_RUNS = "automation_job_runs_active";
const OLDEST_QUEUED_AGE = "automation_job_runs_oldest_queued_age_seconds";

/**
 * Gauges read from the database when scraped, so every web process reports the same queue
 * whichever worker changed it.
 */
export function registerQueueGauges(): void {
  registeredOnce(
    ACTIVE_RUNS,
    (registry) =>
      new Gauge({
        name: ACTIVE_RUNS,
        help: "Runs of every business that are queued or running now, by job type and status",
        labelNames: ["job_type", "status"],
        registers: [registry],
        async collect() {
          const counts = await countActiveRuns();
          // A job type whose runs all finished must drop to nothing, not keep its last value.
          this.reset();
          for (const { jobType, status, count } of counts) this.set({ job_type: jobType, status }, count);
        },
      }),
  );
  registeredOnce(
    OLDEST_QUEUED_AGE,
    (registry) =>
      new Gauge({
        name: OLDEST_QUEUED_AGE,
        help: "Seconds the longest-waiting due queued run has waited since its run_at (0 when none is due)",
        registers: [registry],
        async collect() {
          this.set(await oldestQueuedRunAgeSeconds());
        },
      }),
  );
}
