import { z } from "zod";
import { abortableSleep } from "../lib/jobs/abortable-sleep";
import { defineJob, type JobDefinition } from "../lib/jobs/define-job";
import { createJobRegistry } from "../lib/jobs/registry";
import { countHandled } from "./handled-progress";

/**
 * Jobs that measure the runner, not the work: each records the moment its handler started, so
 * trigger → start latency is read from the run itself, and tells the benchmark how many it has
 * handled (handled-progress.ts).
 */
export const benchWork = defineJob({
  type: "bench-work",
  title: "Benchmark work",
  description: "Sleeps for `ms` (0: returns at once) and reports when its handler started.",
  scope: "tenant",
  params: z.object({ ms: z.number().int().min(0).default(0) }).strict(),
  maxAttempts: 1,
  async run({ params, signal }) {
    const handlerStartedAt = Date.now();
    if (params.ms > 0) await abortableSleep(params.ms, signal);
    countHandled();
    return { handlerStartedAt };
  },
});

export const benchRegistry = createJobRegistry([benchWork] as JobDefinition[]);
