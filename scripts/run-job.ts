// Usage: npm run job -- <jobType> --business-id <id or slug> [--params '<json>']
// Runs one job in this process through the worker's runner and prints its progress.
import { disconnectDb } from "../lib/db";
import { getLogger } from "../lib/logging/logger";
import { runJobCommand } from "../lib/worker/cli/run-job-command";

try {
  process.exitCode = await runJobCommand({ argv: process.argv.slice(2) });
} catch (error) {
  getLogger().fatal({ err: error }, `The job could not be run: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await disconnectDb();
}
