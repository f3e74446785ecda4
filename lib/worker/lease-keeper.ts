import type { RunQueue } from "./claim";
import { RunAbortedError } from "./run-abort";

export interface HeldLease {
  runId: string;
  leaseId: string;
  abort(reason: RunAbortedError): void;
}

/**
 * Heartbeats every lease this process holds in one statement per interval. A lease missing from
 * the answer was taken away (cancelled from the API, rescued after a stall): its handler is
 * aborted, which is how a cancel reaches a running handler within one interval.
 */
export class LeaseKeeper {
  private readonly held = new Map<string, HeldLease>();
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;

  constructor(
    private readonly queue: RunQueue,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  get size(): number {
    return this.held.size;
  }

  hold(lease: HeldLease): void {
    this.held.set(lease.leaseId, lease);
  }

  drop(leaseId: string): void {
    this.held.delete(leaseId);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
  }

  /** One heartbeat round; overlapping rounds are skipped rather than queued. */
  async beat(): Promise<void> {
    if (this.beating || this.held.size === 0) return this.beating;
    this.beating = this.beatOnce().finally(() => {
      this.beating = undefined;
    });
    return this.beating;
  }

  private async beatOnce(): Promise<void> {
    const leases = [...this.held.values()];
    let kept: Set<string>;
    try {
      kept = await this.queue.heartbeat(leases.map(({ runId, leaseId }) => ({ runId, leaseId })));
    } catch (error) {
      // A busy database is not proof the lease is gone; the next round tries again.
      this.onError(error);
      return;
    }
    for (const lease of leases) {
      // Dropped while the statement ran means the run settled normally; nothing to abort.
      if (!kept.has(lease.leaseId) && this.held.get(lease.leaseId) === lease) {
        this.held.delete(lease.leaseId);
        lease.abort(new RunAbortedError("lease-lost", "The run was cancelled or taken over by another worker"));
      }
    }
  }
}
