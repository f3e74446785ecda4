import { describe, expect, it } from "vitest";
import { createSharedReads } from "./shared-read";

describe("shared reads", () => {
  it("answer callers of one key from one read until it is too old, and other keys apart", async () => {
    let now = 0;
    let reads = 0;
    const shared = createSharedReads<number>({ maxAgeMs: 1_000, clock: () => now });
    const read = async () => ++reads;
    expect(await Promise.all([shared("a", read), shared("a", read)])).toEqual([1, 1]);
    now = 999;
    expect(await shared("a", read)).toBe(1);
    expect(await shared("b", read)).toBe(2);
    now = 1_000;
    expect(await shared("a", read)).toBe(3);
  });

  it("do not keep a failed read", async () => {
    const shared = createSharedReads<number>({ maxAgeMs: 1_000, clock: () => 0 });
    await expect(shared("a", () => Promise.reject(new Error("database gone")))).rejects.toThrow("database gone");
    expect(await shared("a", async () => 7)).toBe(7);
  });
});
