// A worker process that executes the benchmark jobs, with the product's full tracking (run rows,
// attempts, heartbeats, logs) unchanged. Prints "ready" once it is claiming.
import { createLogger } from "../lib/logging/logger";
import { runWorkerProcess } from "../lib/worker/run-worker-process";
import { benchRegistry } from "./bench-jobs";

await runWorkerProcess({
  jobs: benchRegistry,
  // Only what the benchmark needs to see: when claiming begins, and anything that went wrong. Read
  // without parsing: the line of every settled run passes here, in the process being measured.
  logger: createLogger({
    level: "info",
    destination: {
      write(line: string) {
        if (!line.startsWith('{"level":"info"')) process.stderr.write(line);
        else if (line.includes('"msg":"Started:')) console.log("ready");
      },
    },
  }),
});
// Exiting closes the pool; the worker has already settled or released every run.
process.exit(0);
