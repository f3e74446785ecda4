import { LRUCache } from "lru-cache";

export interface SessionIdentity {
  userId: string;
  sessionVersion: number;
}

interface Cookie {
  name: string;
  value: string;
}

/** Auth.js's session cookie, with its prefix over HTTPS and its numbered chunks when the token is long. */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/** The session cookies of a request in one string, or "" when it carries none. */
export function sessionCookieKey(cookies: readonly Cookie[]): string {
  return cookies
    .filter((cookie) => SESSION_COOKIE.test(cookie.name))
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .sort()
    .join("; ");
}

/**
 * Remembers what a session cookie decoded to. Decoding (key derivation, decryption, and Auth.js
 * re-encrypting a rolled token the gate throws away) was the web process's largest cost per request,
 * and one cookie always decodes to the same identity. Whether that session still counts is not
 * remembered: the actor load checks the user and their session version on every request, so a
 * sign-out or a password change ends it at once. What the cache can stretch is a token's own
 * expiry, by at most `ttlMs`; cookies that decode to nobody are not kept.
 */
export function cacheSessionDecoding(
  decode: () => Promise<SessionIdentity | null>,
  { max = 10_000, ttlMs = 30_000, clock }: { max?: number; ttlMs?: number; clock?: { now(): number } } = {},
): (cookies: readonly Cookie[]) => Promise<SessionIdentity | null> {
  const decoded = new LRUCache<string, SessionIdentity>({ max, ttl: ttlMs, ttlResolution: 0, ...(clock ? { perf: clock } : {}) });
  return async (cookies) => {
    const key = sessionCookieKey(cookies);
    if (!key) return null;
    const known = decoded.get(key);
    if (known) return known;
    const identity = await decode();
    if (identity) decoded.set(key, identity);
    return identity;
  };
}
