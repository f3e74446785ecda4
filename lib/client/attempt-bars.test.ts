import { describe, expect, it } from "vitest";
import { layoutAttemptBars } from "./attempt-bars";

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 30, 12, 0, seconds)).toISOString();

describe("attempt bars on a time axis", () => {
  it("places each attempt by its start and length, from the first start to the last end", () => {
    const { bars } = layoutAttemptBars(
      [
        { attempt: 1, status: "failed", startedAt: at(0), finishedAt: at(10) },
        { attempt: 2, status: "failed", startedAt: at(20), finishedAt: at(30) },
        { attempt: 3, status: "succeeded", startedAt: at(30), finishedAt: at(40) },
      ],
      Date.parse(at(60)),
    );
    expect(bars.map((bar) => [bar.attempt, bar.startPercent, bar.widthPercent, bar.durationMs])).toEqual([
      [1, 0, 25, 10_000],
      [2, 50, 25, 10_000],
      [3, 75, 25, 10_000],
    ]);
  });

  it("draws a running attempt up to now and a very short one still visibly", () => {
    const { bars } = layoutAttemptBars(
      [
        { attempt: 1, status: "failed", startedAt: at(0), finishedAt: at(0) },
        { attempt: 2, status: "running", startedAt: at(10), finishedAt: null },
      ],
      Date.parse(at(20)),
    );
    expect(bars[0]!.widthPercent).toBeGreaterThan(0);
    expect(bars[1]).toMatchObject({ startPercent: 50, widthPercent: 50, durationMs: 10_000, open: true });
  });

  it("never draws past the axis or backwards", () => {
    const { bars } = layoutAttemptBars([{ attempt: 1, status: "failed", startedAt: at(10), finishedAt: at(5) }], Date.parse(at(20)));
    expect(bars[0]!.startPercent + bars[0]!.widthPercent).toBeLessThanOrEqual(100);
    expect(bars[0]!.durationMs).toBe(0);
  });
});
