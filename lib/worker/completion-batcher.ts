import type { Completion, RunQueue } from "./claim";
import { describeError } from "./describe-error";

export interface CompletionBatchOptions {
  /** How long the first completion of a batch waits for others to join it. */
  delayMs: number;
  /** A batch this size is written at once, without waiting out the delay. */
  maxBatch: number;
  onError?: (message: string) => void;
}

interface Waiting {
  completion: Completion;
  resolve: (settled: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Collects the worker's completions and writes them as one fenced statement per batch, flushed
 * after `delayMs` or at `maxBatch` runs, whichever comes first. One batch is written at a time:
 * completions that arrive meanwhile form the next one, so batches grow with the load by themselves.
 * A run stays `running` with its lease (and heartbeat) until its batch is written; a worker killed
 * before that leaves it to the rescue, which runs it again: completion is at least once.
 */
export class CompletionBatcher {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly queue: RunQueue,
    private readonly options: CompletionBatchOptions,
  ) {}

  /** Resolves true once the run is recorded succeeded, false when its lease was lost meanwhile. */
  complete(completion: Completion): Promise<boolean> {
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ completion, resolve, reject });
      if (this.stopping || this.waiting.length >= this.options.maxBatch) this.flushSoon(0);
      else this.flushSoon(this.options.delayMs);
    });
  }

  /** From now on writes without waiting out the delay: a stopping worker must not outlast its grace period for it. */
  hurry(): void {
    this.stopping = true;
    this.flushSoon(0);
  }

  /** Writes everything still waiting; the last step of a worker's stop. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.writing || this.waiting.length > 0) {
      if (!this.writing) this.writeNext();
      await this.writing;
    }
  }

  private flushSoon(delayMs: number): void {
    if (this.writing) return; // the batch in flight starts the next one when it ends
    if (delayMs === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.writeNext();
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.writeNext();
      }, delayMs);
    }
  }

  private writeNext(): void {
    if (this.writing || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0, this.options.maxBatch);
    this.writing = this.write(batch).finally(() => {
      this.writing = undefined;
      // Whatever arrived during the write has already waited at least that long.
      if (this.waiting.length > 0) this.writeNext();
    });
  }

  private async write(batch: Waiting[]): Promise<void> {
    let settled: Set<string>;
    try {
      settled = await this.queue.completeMany(batch.map((entry) => entry.completion));
    } catch (error) {
      // One bad row or a deadlock with a concurrent cancel must not fail its neighbours: each alone.
      this.options.onError?.(`A batch of ${batch.length} completions failed, writing them one by one: ${describeError(error)}`);
      await Promise.all(batch.map(({ completion, resolve, reject }) => this.queue.complete(completion).then(resolve, reject)));
      return;
    }
    for (const { completion, resolve } of batch) resolve(settled.has(completion.leaseId));
  }
}
