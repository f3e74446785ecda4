import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { computeBackoffMs } from "./backoff";

const policy = { baseMs: 1_000, maxMs: 60_000, jitter: 0.25 };

describe("computeBackoffMs", () => {
  it("doubles per failed attempt without jitter, up to the cap", () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((failedAttempt) => computeBackoffMs({ failedAttempt, policy: { ...policy, jitter: 0 } }));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]);
  });

  it("keeps jitter within its share of the delay", () => {
    expect(computeBackoffMs({ failedAttempt: 3, policy, random: () => 0 })).toBe(4_000);
    expect(computeBackoffMs({ failedAttempt: 3, policy, random: () => 1 })).toBe(3_000);
    expect(computeBackoffMs({ failedAttempt: 3, policy, random: () => 0.5 })).toBe(3_500);
  });

  it("grows with every attempt until the cap, whatever the jitter rolls", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, rollA, rollB) => {
        const earlier = computeBackoffMs({ failedAttempt: attempt, policy, random: () => rollA });
        const later = computeBackoffMs({ failedAttempt: attempt + 1, policy, random: () => rollB });
        expect(later).toBeGreaterThanOrEqual(earlier);
      }),
    );
  });

  it("never exceeds maxMs nor drops below the jittered floor", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (failedAttempt, baseMs, extra, jitter, roll) => {
          const bounded = { baseMs, maxMs: baseMs + extra, jitter };
          // No delay at all stays no delay, however many attempts failed.
          const growth = baseMs === 0 ? 0 : baseMs * 2 ** (failedAttempt - 1);
          const ceiling = Math.min(bounded.maxMs, growth);
          const delay = computeBackoffMs({ failedAttempt, policy: bounded, random: () => roll });
          expect(delay).toBeLessThanOrEqual(bounded.maxMs);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * (1 - jitter)));
          expect(Number.isFinite(delay)).toBe(true);
        },
      ),
    );
  });

  it("spreads retries of runs that failed together over the whole jitter window", () => {
    // The default random source, rolling evenly over [0, 1] for 50 runs that failed at attempt 4.
    const rolls = Array.from({ length: 50 }, (_, index) => index / 49);
    let next = 0;
    const random = vi.spyOn(Math, "random").mockImplementation(() => rolls[next++]!);
    try {
      const delays = rolls.map(() => computeBackoffMs({ failedAttempt: 4, policy }));
      expect(random).toHaveBeenCalledTimes(50);
      // 8 s before jitter; a jitter of 0.25 spreads the retries over 6–8 s, each run at its own time.
      expect(Math.max(...delays)).toBe(8_000);
      expect(Math.min(...delays)).toBe(6_000);
      expect(new Set(delays).size).toBe(50);
    } finally {
      random.mockRestore();
    }
  });
});
