// A worker process that executes the benchmark jobs, with the product's full tracking (run rows,
// attempts, heartbeats, logs) unchanged. Prints "ready" once it is claiming.
import { createLogger } from "../lib/logging/logger";
import { runWorkerProcess } from "../lib/worker/run-worker-process";
import { benchRegistry } from "./bench-jobs";

await runWorkerProcess({
  jobs: benchRegistry,
  // Only what the benchmark needs to see: when claiming begins, and anything that went wrong.
  logger: createLogger({
    level: "info",
    destination: {
      write(line: string) {
        const { level, msg } = JSON.parse(line) as { level: string; msg: string };
        if (msg.startsWith("Started:")) console.log("ready");
        else if (level !== "info") process.stderr.write(line);
      },
    },
  }),
});
// Exiting closes the pool; the worker has already settled or released every run.
process.exit(0);
