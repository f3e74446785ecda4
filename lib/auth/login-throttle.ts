/**
 * How many failed sign-ins are checked before the next one is refused, following the OWASP
 * Authentication Cheat Sheet: a hard limit per account and address, a slower per-account limit with
 * a growing delay that the account's own recent addresses are exempt from (so someone else's guesses
 * cannot lock the owner out), and a limit per address across accounts against password spraying.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 10;
export const MAX_FAILURES_PER_ADDRESS = 100;
/** Failures of one account from anywhere that are checked without delay. */
export const ACCOUNT_FAILURES_BEFORE_DELAY = 20;
const FIRST_ACCOUNT_DELAY_MS = 1_000;
/** An address that signed in to the account this recently is the owner's own. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000;

/** The attempts of the window before this one, as one database step saw them. */
export interface LoginHistory {
  accountAndAddressFailures: number;
  addressFailures: number;
  accountFailures: number;
  lastAccountFailureAt: Date | null;
  /** The address signed in to this account successfully within KNOWN_ADDRESS_MS. */
  knownAddress: boolean;
}

export type ThrottleVerdict = { throttled: false } | { throttled: true; retryAfterMs: number };

/** 1 s after the 20th failure of an account, doubling with each further one, at most the window. */
export function accountDelayMs(accountFailures: number): number {
  if (accountFailures < ACCOUNT_FAILURES_BEFORE_DELAY) return 0;
  const doublings = accountFailures - ACCOUNT_FAILURES_BEFORE_DELAY;
  return Math.min(FIRST_ACCOUNT_DELAY_MS * 2 ** Math.min(doublings, 30), LOGIN_WINDOW_MS);
}

export function throttleVerdict(history: LoginHistory, now: Date): ThrottleVerdict {
  if (history.accountAndAddressFailures >= MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS || history.addressFailures >= MAX_FAILURES_PER_ADDRESS) {
    return { throttled: true, retryAfterMs: LOGIN_WINDOW_MS };
  }
  if (history.knownAddress || !history.lastAccountFailureAt) return { throttled: false };
  const waitUntil = history.lastAccountFailureAt.getTime() + accountDelayMs(history.accountFailures);
  return waitUntil > now.getTime() ? { throttled: true, retryAfterMs: waitUntil - now.getTime() } : { throttled: false };
}
