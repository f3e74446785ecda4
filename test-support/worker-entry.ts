// A worker process with the test jobs registered, for tests about processes (claiming, shutdown).
import { runWorkerProcess } from "../lib/worker/run-worker-process";
import { testRegistry } from "./test-jobs";

const summary = await runWorkerProcess({ jobs: testRegistry() });
console.log(`exit-summary ${JSON.stringify(summary)}`);
process.exit(0);
