import { describe, expect, it } from "vitest";
import { describeShownRuns } from "./run-total";

describe("how many runs the history shows", () => {
  it("names the range shown and the total", () => {
    expect(describeShownRuns(50, { count: 4210, atLeast: false })).toBe("1–50 of 4,210");
  });

  it("says 1,000+ when the count stopped at its cap", () => {
    expect(describeShownRuns(50, { count: 1_000, atLeast: true })).toBe("1–50 of 1,000+");
  });

  it("never claims fewer runs than are on screen (runs arrived since the count)", () => {
    expect(describeShownRuns(60, { count: 55, atLeast: false })).toBe("1–60 of 60");
  });
});
