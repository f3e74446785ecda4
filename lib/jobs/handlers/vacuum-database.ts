import { z } from "zod";
import { sqlDialect } from "../../db/sql-dialect";
import { defineJob } from "../define-job";

export const vacuumDatabase = defineJob({
  type: "vacuum-database",
  title: "Compact the database",
  description: "System maintenance: reclaims space left by deleted runs.",
  scope: "system",
  triggeredBy: "system",
  params: z.object({}).strict(),
  maxAttempts: 1,
  timeoutMs: 10 * 60 * 1000,
  async run({ db, log, progress }) {
    await db.$executeRawUnsafe("ANALYZE");
    if (sqlDialect().name === "sqlite") {
      // Skip-scans of indexes led by a column with few values (status, scope) are costed from
      // averages, while a large tenant's own row count is known exactly: SQLite then preferred
      // sorting that tenant's whole history to reading a page of it in index order. No query here
      // wants a skip-scan, so the statistics rule it out for every index.
      await db.$executeRawUnsafe("UPDATE sqlite_stat1 SET stat = stat || ' noskipscan' WHERE stat NOT LIKE '%noskipscan%'");
      await db.$executeRawUnsafe("ANALYZE sqlite_schema");
    }
    log.info("Query planner statistics refreshed");
    await progress(1, "Done");
    return { optimized: true };
  },
});
