// How far ahead a worker claims, in time: the runs it holds waiting should last about this long at
// its recent pace. Long enough to cover a claim's round trip under load; a run waiting in the
// buffer is not served to another business for at most this long, so it is the fairness cost.
const HORIZON_MS = 25;

// Starts are counted over at least this long before the pace is taken from them.
const MIN_SAMPLE_MS = 20;

/**
 * How many claimed runs a worker holds waiting for a slot: as many as it starts in HORIZON_MS at
 * its recent pace, between `least` and `most`. Short runs need many waiting (a no-op run ends long
 * before a claim returns); long runs need few, but the claim loop keeps at least twice its
 * concurrency so that slow runs do not cost a claim statement every other run.
 */
export class ClaimPace {
  private startsPerMs: number | undefined;
  private sampledAt: number;
  private startedThen = 0;

  constructor(
    private readonly least: number,
    private readonly most: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.sampledAt = now();
  }

  /** The runs to hold waiting now; `started` is the running total of runs started so far. */
  ahead(started: number): number {
    const now = this.now();
    const elapsed = now - this.sampledAt;
    if (elapsed >= MIN_SAMPLE_MS) {
      const pace = (started - this.startedThen) / elapsed;
      // Smoothed, so that one slow claim does not halve the buffer.
      this.startsPerMs = this.startsPerMs === undefined ? pace : (this.startsPerMs + pace) / 2;
      this.sampledAt = now;
      this.startedThen = started;
    }
    if (this.startsPerMs === undefined) return this.most;
    return Math.min(this.most, Math.max(this.least, Math.ceil(this.startsPerMs * HORIZON_MS)));
  }
}
