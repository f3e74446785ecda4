import { describe, expect, it } from "vitest";
import { claimRoom } from "./claim-loop";

describe("the room a worker has to claim", () => {
  it("is its free slots and the runs it keeps ahead", () => {
    expect(claimRoom({ concurrency: 16, ahead: 32, running: 10, waiting: 20, unwritten: 0 })).toBe(18);
    expect(claimRoom({ concurrency: 16, ahead: 32, running: 16, waiting: 32, unwritten: 48 })).toBe(0);
  });

  it("shrinks by every success still being written beyond that many, down to none", () => {
    expect(claimRoom({ concurrency: 16, ahead: 32, running: 10, waiting: 20, unwritten: 50 })).toBe(16);
    expect(claimRoom({ concurrency: 16, ahead: 32, running: 0, waiting: 0, unwritten: 96 })).toBe(0);
    expect(claimRoom({ concurrency: 16, ahead: 32, running: 0, waiting: 0, unwritten: 500 })).toBe(0);
  });
});
