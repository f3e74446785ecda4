import { readEnv } from "./env";

/**
 * The connection's own address, set by the web server entry (lib/process/web-server.ts) on every
 * request after dropping any copy the client sent. Route handlers cannot see the socket.
 */
export const CLIENT_ADDRESS_HEADER = "x-automation-client-address";

/**
 * Set in the environment of the process the web server entry runs in. Without it (`next start`,
 * `next dev`) nothing replaces a client's own copy of CLIENT_ADDRESS_HEADER, so it is not read.
 */
export const SERVER_SETS_CLIENT_ADDRESS = "AUTOMATION_SERVER_SETS_CLIENT_ADDRESS";

/**
 * The value of a forwarded header that the trusted proxies vouch for: each of `hops` proxies
 * appends what it saw, so the entry `hops` from the right is the last one a client could not
 * choose. Entries further left were sent by the client and are never used. Null without trust.
 */
export function trustedForwardedValue(header: string | null, hops: number): string | null {
  if (hops === 0 || !header) return null;
  const entries = header.split(",").map((entry) => entry.trim()).filter(Boolean);
  if (entries.length === 0) return null;
  // Fewer entries than proxies: the left-most one was written by a trusted proxy too.
  return entries[Math.max(entries.length - hops, 0)] ?? null;
}

/** The address sign-in limits count against: the connection's, or the trusted proxies' view of it. */
export function clientAddress(
  headers: Headers,
  {
    hops = readEnv().TRUST_PROXY,
    serverSetsAddress = process.env[SERVER_SETS_CLIENT_ADDRESS] === "1",
  }: { hops?: number; serverSetsAddress?: boolean } = {},
): string {
  const forwarded = trustedForwardedValue(headers.get("x-forwarded-for"), hops);
  const connection = serverSetsAddress ? headers.get(CLIENT_ADDRESS_HEADER) : null;
  return normaliseAddress(forwarded ?? connection ?? "unknown");
}

// An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; it is the same address.
function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed || "unknown";
}
