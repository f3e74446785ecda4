// Sweeps for stale runs until none are left, starting at the time given as the first argument, and
// prints what it rescued: lets a test start several sweepers that race for the same runs.
import { RunQueue } from "../lib/worker/claim";
import { rescueStaleRuns } from "../lib/worker/rescue";

const startAt = Number(process.argv[2] ?? 0);
const staleAfterMs = Number(process.argv[3] ?? 1_000);
const queue = new RunQueue();
await queue.now();
console.log("sweeper ready");
while (Date.now() < startAt) await new Promise((resolve) => setTimeout(resolve, 1));

const total = { requeued: 0, failed: 0 };
for (;;) {
  // Small batches, so both sweepers see overlapping candidates and race on the fence.
  const round = await rescueStaleRuns({ queue, staleAfterMs, batchSize: 10 });
  total.requeued += round.requeued;
  total.failed += round.failed;
  if ((await queue.findStaleRuns({ staleAfterMs, limit: 1 })).length === 0) break;
}
console.log(`rescued ${JSON.stringify(total)}`);
process.exit(0);
