import { describe, expect, it } from "vitest";
import { localMinuteValue, parsePriority, parseRunAt } from "./run-timing";

const NOW = new Date(2026, 10, 30, 14, 30, 45).getTime();

describe("parseRunAt", () => {
  it("reads the picker's value in the local time zone", () => {
    expect(parseRunAt("2026-12-01T09:15", NOW)).toEqual({ runAt: new Date(2026, 11, 1, 9, 15).toISOString() });
  });

  it("takes the current minute as now and refuses an earlier one", () => {
    expect(parseRunAt("2026-11-30T14:30", NOW)).toEqual({ runAt: new Date(2026, 10, 30, 14, 30).toISOString() });
    expect(parseRunAt("2026-11-30T14:29", NOW)).toEqual({ error: "Choose a time that is now or later." });
  });

  it("leaves an empty value to mean now and refuses what is not a date", () => {
    expect(parseRunAt("  ", NOW)).toEqual({});
    expect(parseRunAt("tomorrow", NOW)).toEqual({ error: "Enter a date and time." });
    expect(parseRunAt("2026-13-45T10:00", NOW)).toEqual({ error: "Enter a date and time." });
  });

  it("offers the current local minute as the earliest choice", () => {
    expect(localMinuteValue(NOW)).toBe("2026-11-30T14:30");
  });
});

describe("parsePriority", () => {
  it("takes whole numbers from -100 to 100", () => {
    expect(parsePriority("")).toEqual({});
    expect(parsePriority("-100")).toEqual({ priority: -100 });
    expect(parsePriority("7")).toEqual({ priority: 7 });
    for (const text of ["101", "1.5", "x"]) expect(parsePriority(text)).toEqual({ error: "Enter a whole number from -100 to 100." });
  });
});
