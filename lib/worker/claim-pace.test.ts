import { describe, expect, it } from "vitest";
import { ClaimPace } from "./claim-pace";

/** A pace on a clock the test moves. */
function paceAt(least: number, most: number) {
  let now = 0;
  const pace = new ClaimPace(least, most, () => now);
  return { pace, advance: (ms: number) => (now += ms) };
}

describe("how many runs a worker claims ahead", () => {
  it("holds the most until it has seen its pace", () => {
    const { pace } = paceAt(16, 128);
    expect(pace.ahead(0)).toBe(128);
  });

  it("holds many runs when they start fast and few when they start slowly, within its bounds", () => {
    const fast = paceAt(16, 128);
    fast.advance(100);
    // Three runs a millisecond: a claim's round trip is over before sixteen waiting runs are gone.
    expect(fast.pace.ahead(300)).toBeGreaterThan(16);
    expect(fast.pace.ahead(300)).toBeLessThanOrEqual(128);

    const slow = paceAt(16, 128);
    slow.advance(1_000);
    // 50 ms runs in sixteen slots: 320 a second.
    expect(slow.pace.ahead(320)).toBe(16);
  });

  it("follows a change of pace, smoothed over samples", () => {
    const { pace, advance } = paceAt(4, 128);
    advance(100);
    const fast = pace.ahead(300);
    advance(100);
    const slowing = pace.ahead(300);
    advance(100);
    const slower = pace.ahead(300);
    expect(slowing).toBeLessThan(fast);
    expect(slower).toBeLessThan(slowing);
    expect(slower).toBeGreaterThanOrEqual(4);
  });

  it("takes no sample from a moment too short to count starts in", () => {
    const { pace, advance } = paceAt(16, 128);
    advance(1);
    expect(pace.ahead(50)).toBe(128);
  });
});
