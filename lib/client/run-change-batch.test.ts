import { describe, expect, it } from "vitest";
import { createRunChangeBatch } from "./run-change-batch";

function manualClock() {
  const due: (() => void)[] = [];
  return {
    schedule: (run: () => void) => {
      due.push(run);
      return () => due.splice(due.indexOf(run), 1);
    },
    fire: () => due.splice(0).forEach((run) => run()),
    pending: () => due.length,
  };
}

describe("batching run changes", () => {
  it("folds a burst into one refresh naming each run once", () => {
    const clock = manualClock();
    const flushed: string[][] = [];
    const batch = createRunChangeBatch({ delayMs: 250, flush: (ids) => flushed.push(ids), schedule: clock.schedule });
    batch.add("a");
    batch.add("b");
    batch.add("a");
    expect(clock.pending()).toBe(1);
    clock.fire();
    expect(flushed).toEqual([["a", "b"]]);
    batch.add("c");
    clock.fire();
    expect(flushed).toEqual([["a", "b"], ["c"]]);
  });

  it("drops what is pending when cancelled", () => {
    const clock = manualClock();
    const flushed: string[][] = [];
    const batch = createRunChangeBatch({ delayMs: 250, flush: (ids) => flushed.push(ids), schedule: clock.schedule });
    batch.add("a");
    batch.cancel();
    clock.fire();
    expect(flushed).toEqual([]);
  });
});
