import { startBenchWorker } from "../bench-workers";
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

/** Queues `runs` no-op bench-work runs and lets one worker process drain them, watching its memory. */
export async function drainWithOneWorker({ url, runs, concurrency }: { url: string; runs: number; concurrency: number }): Promise<DrainMemory> {
  await queueBenchWork(url, { runs, workMs: 0 });
  const worker = startBenchWorker({ url, concurrency, id: "memory-0" });
  try {
    await worker.ready;
    const rssAtStart = memoryOf(worker.pid).rss;
    const startedAt = performance.now();
    let rssHalfway = Number.NaN;
    for (;;) {
      const pending = await pendingBenchWork(url);
      if (Number.isNaN(rssHalfway) && pending <= runs / 2) rssHalfway = memoryOf(worker.pid).rss;
      if (pending === 0) break;
      if (performance.now() - startedAt > DRAIN_TIMEOUT_MS) throw new Error(`${pending} runs still pending after an hour`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const seconds = (performance.now() - startedAt) / 1000;
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
