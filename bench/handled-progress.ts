/**
 * Tells the benchmark, from inside a worker process, how many jobs its handlers have finished, as
 * `handled N` lines on stdout. The benchmark stops the clock when the processes' counts add up to
 * the jobs it queued, instead of counting rows in the database while the systems run. Lines are
 * coalesced: at most one per PROGRESS_EVERY_MS, so telling costs next to nothing.
 */
const PROGRESS_EVERY_MS = 20;

let handled = 0;
let pending: NodeJS.Timeout | undefined;

/** Counts one finished handler; the line follows within PROGRESS_EVERY_MS. */
export function countHandled(): void {
  handled++;
  pending ??= setTimeout(() => {
    pending = undefined;
    process.stdout.write(`handled ${handled}\n`);
  }, PROGRESS_EVERY_MS);
}
