import { describe, expect, it } from "vitest";
import { IDLE_POLL_MAX_MS, IDLE_POLL_MIN_MS, isRunningOrDue, isScheduled, nextIdleDelay } from "./poll-schedule";

const NOW = Date.parse("2026-11-30T10:00:00Z");
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

describe("what keeps the page polling tight", () => {
  it("a queued run due in half an hour is scheduled, not due", () => {
    const run = { status: "queued" as const, runAt: at(30 * 60_000) };
    expect(isScheduled(run, NOW)).toBe(true);
    expect(isRunningOrDue(run, NOW)).toBe(false);
  });

  it("running runs and queued runs that are due are", () => {
    expect(isRunningOrDue({ status: "running", runAt: at(30 * 60_000) }, NOW)).toBe(true);
    expect(isRunningOrDue({ status: "queued", runAt: at(-5 * 60_000) }, NOW)).toBe(true);
    expect(isScheduled({ status: "queued", runAt: at(-5 * 60_000) }, NOW)).toBe(false);
    expect(isScheduled({ status: "succeeded", runAt: at(30 * 60_000) }, NOW)).toBe(false);
  });
});

describe("idle backoff", () => {
  it("doubles while nothing changes, up to the longest delay, and starts over on a change", () => {
    const delays: number[] = [];
    let delay: number | null = null;
    for (let i = 0; i < 5; i++) delays.push((delay = nextIdleDelay(delay, false)));
    expect(delays).toEqual([IDLE_POLL_MIN_MS, 4_000, 8_000, IDLE_POLL_MAX_MS, IDLE_POLL_MAX_MS]);
    expect(nextIdleDelay(IDLE_POLL_MAX_MS, true)).toBe(IDLE_POLL_MIN_MS);
  });
});
