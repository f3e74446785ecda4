import { describe, expect, it } from "vitest";
import { accountDelayMs, LOGIN_WINDOW_MS, throttleVerdict, type LoginHistory } from "./login-throttle";

const now = new Date("2026-11-30T10:00:00Z");
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const clean: LoginHistory = { accountAndAddressFailures: 0, addressFailures: 0, accountFailures: 0, lastAccountFailureAt: null, knownAddress: false };

describe("throttleVerdict", () => {
  it("refuses the eleventh attempt of one account from one address, even from the owner's own address", () => {
    expect(throttleVerdict({ ...clean, accountAndAddressFailures: 9, addressFailures: 9 }, now).throttled).toBe(false);
    expect(throttleVerdict({ ...clean, accountAndAddressFailures: 10, addressFailures: 10, knownAddress: true }, now)).toEqual({
      throttled: true,
      retryAfterMs: LOGIN_WINDOW_MS,
    });
  });

  it("refuses an address that failed a hundred times across accounts", () => {
    expect(throttleVerdict({ ...clean, addressFailures: 99 }, now).throttled).toBe(false);
    expect(throttleVerdict({ ...clean, addressFailures: 100, knownAddress: true }, now).throttled).toBe(true);
  });

  it("delays an account's attempts from unknown addresses after twenty failures, more with each one", () => {
    const after = (accountFailures: number, secondsSinceLast: number) =>
      throttleVerdict({ ...clean, accountFailures, lastAccountFailureAt: secondsAgo(secondsSinceLast) }, now);
    expect(after(19, 0).throttled).toBe(false);
    expect(after(20, 0)).toEqual({ throttled: true, retryAfterMs: 1_000 });
    expect(after(20, 1).throttled).toBe(false);
    expect(after(23, 7)).toEqual({ throttled: true, retryAfterMs: 1_000 });
    expect(after(23, 8).throttled).toBe(false);
    expect(after(1_000, 899)).toEqual({ throttled: true, retryAfterMs: 1_000 });
  });

  it("lets the owner's own address through however many guesses others made", () => {
    const history = { ...clean, accountAndAddressFailures: 2, addressFailures: 2, accountFailures: 500, lastAccountFailureAt: now, knownAddress: true };
    expect(throttleVerdict(history, now).throttled).toBe(false);
  });
});

describe("accountDelayMs", () => {
  it("grows from one second and stops at the window", () => {
    expect([19, 20, 21, 22, 29, 30, 200].map(accountDelayMs)).toEqual([0, 1_000, 2_000, 4_000, 512_000, LOGIN_WINDOW_MS, LOGIN_WINDOW_MS]);
  });
});
