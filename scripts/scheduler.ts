// Usage: npm run scheduler — creates the fan-out run of every due cron slot (workers execute them).
import { disconnectDb } from "../lib/db";
import { getLogger } from "../lib/logging/logger";
import { runSchedulerProcess } from "../lib/scheduler/run-scheduler-process";

try {
  await runSchedulerProcess();
} catch (error) {
  getLogger().fatal({ err: error }, `Scheduler failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
