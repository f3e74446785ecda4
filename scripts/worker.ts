// Usage: npm run worker — claims and executes runs until SIGTERM/SIGINT (configuration: README, "Worker").
import { disconnectDb } from "../lib/db";
import { getLogger } from "../lib/logging/logger";
import { runWorkerProcess } from "../lib/worker/run-worker-process";

try {
  await runWorkerProcess();
} catch (error) {
  getLogger().fatal({ err: error }, `Worker failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
