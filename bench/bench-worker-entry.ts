// A worker process that executes the benchmark jobs, with the product's full tracking (run rows,
// attempts, heartbeats, logs) unchanged. Prints "ready" once it is claiming.
import { runWorkerProcess } from "../lib/worker/run-worker-process";
import { benchRegistry } from "./bench-jobs";

await runWorkerProcess({
  jobs: benchRegistry,
  log: (message) => {
    if (message.includes("Started:")) console.log("ready");
    else if (/failed|lost/i.test(message) && !/: succeeded$/.test(message)) console.error(message);
  },
});
// Exiting closes the pool; the worker has already settled or released every run.
process.exit(0);
