import { startBenchWorker } from "../bench-workers";
import { createHandledWatch } from "../handled-watch";
import { benchWorkOutcomes, pendingBenchWork, queueBenchWork } from "./bench-work-queue";
import { readProcessMemory } from "./process-memory";

export interface DrainMemory {
  runsPerSecond: number;
  /** Resident memory, in bytes, once the worker is claiming; half-way; at the end; and its peak (VmHWM). */
  rssAtStart: number;
  rssHalfway: number;
  rssAtEnd: number;
  peak: number;
}

const DRAIN_TIMEOUT_MS = 60 * 60_000;

/**
 * Queues `runs` no-op bench-work runs and lets one worker process drain them, watching its memory.
 * Progress comes from the worker's own `handled N` lines; the database is only asked, once a
 * second, whether the last successes are written: counting rows every moment would take the CPU
 * the drain is measured on.
 */
export async function drainWithOneWorker({ url, runs, concurrency }: { url: string; runs: number; concurrency: number }): Promise<DrainMemory> {
  await queueBenchWork(url, { runs, workMs: 0 });
  const watch = createHandledWatch();
  const worker = startBenchWorker({ url, concurrency, id: "memory-0", onOutput: (chunk) => watch.read(0, chunk) });
  try {
    await worker.ready;
    const rssAtStart = memoryOf(worker.pid).rss;
    const startedAt = performance.now();
    const alive = () => void memoryOf(worker.pid);
    await watch.reached(Math.ceil(runs / 2), { alive });
    const rssHalfway = memoryOf(worker.pid).rss;
    await watch.reached(runs, { alive });
    const seconds = (performance.now() - startedAt) / 1000;
    for (;;) {
      const pending = await pendingBenchWork(url);
      if (pending === 0) break;
      if (performance.now() - startedAt > DRAIN_TIMEOUT_MS) throw new Error(`${pending} runs still not written after an hour`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    // Read before stopping: VmHWM disappears with the process.
    const { rss: rssAtEnd, peak } = memoryOf(worker.pid);
    const outcomes = await benchWorkOutcomes(url);
    if (outcomes.succeeded !== runs) throw new Error(`Not every run succeeded: ${JSON.stringify(outcomes)}\n${worker.output().slice(-2_000)}`);
    return { runsPerSecond: runs / seconds, rssAtStart, rssHalfway, rssAtEnd, peak };
  } finally {
    await worker.stop();
  }
}

function memoryOf(pid: number) {
  const reading = readProcessMemory(pid);
  if (!reading) throw new Error(`Worker process ${pid} is gone`);
  return reading;
}
