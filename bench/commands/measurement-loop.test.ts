import { describe, expect, it } from "vitest";
import type { BenchContext } from "./command";
import { measureInTurns, withDatabase } from "./measurement-loop";

function contextOf(repeat: number, progress: string[]): BenchContext {
  return { serverUrl: "postgresql://unused", repeat, quick: true, progress: (message) => progress.push(message) };
}

describe("benchmark measurement loop", () => {
  it("lets the contenders take turns within each repetition and keeps each one's results apart", async () => {
    const order: string[] = [];
    const progress: string[] = [];
    const contender = (label: string) => ({
      label,
      measure: async () => {
        order.push(label);
        return `${label}#${order.length}`;
      },
    });

    const results = await measureInTurns(contextOf(2, progress), [contender("a"), contender("b")]);

    expect(order).toEqual(["a", "b", "a", "b"]);
    expect(results).toEqual([
      ["a#1", "a#3"],
      ["b#2", "b#4"],
    ]);
    expect(progress).toEqual(["a, repetition 1", "b, repetition 1", "a, repetition 2", "b, repetition 2"]);
  });

  it("drops the database when the measurement fails", async () => {
    let dropped = 0;
    const database = { drop: async () => void dropped++ };

    await expect(withDatabase(Promise.resolve(database), async () => Promise.reject(new Error("measurement failed")))).rejects.toThrow("measurement failed");
    expect(dropped).toBe(1);
  });
});
