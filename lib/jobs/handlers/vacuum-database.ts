import { z } from "zod";
import { defineJob } from "../define-job";

export const vacuumDatabase = defineJob({
  type: "vacuum-database",
  title: "Compact the database",
  description: "System maintenance: reclaims space left by deleted runs.",
  scope: "system",
  params: z.object({}).strict(),
  maxAttempts: 1,
  timeoutMs: 10 * 60 * 1000,
  async run({ db, log, progress }) {
    await db.$executeRawUnsafe("ANALYZE");
    log.info("Query planner statistics refreshed");
    await progress(1, "Done");
    return { optimized: true };
  },
});
