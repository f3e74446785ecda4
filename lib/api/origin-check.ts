import { readEnv } from "../config/env";
import { trustedForwardedValue } from "../config/trusted-proxy";
import { AppError } from "../errors";

/**
 * Refuses cross-site mutations. Browsers send Origin (and Sec-Fetch-Site) on every POST; a
 * request with neither comes from a non-browser client, which cannot ride on a user's cookies.
 */
export function assertSameOrigin(req: Request, { trustProxy = readEnv().TRUST_PROXY }: { trustProxy?: number } = {}): void {
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new AppError("forbidden", "Cross-site requests are not allowed");
  }
  const origin = req.headers.get("origin");
  if (origin === null) return;
  if (!allowedOrigins(req, trustProxy).has(origin)) throw new AppError("forbidden", "Cross-site requests are not allowed");
}

// X-Forwarded-Host and -Proto count only from trusted proxies (TRUST_PROXY), like X-Forwarded-For:
// from anyone else they would let a cross-site page name its own origin as this one.
function allowedOrigins(req: Request, trustProxy: number): Set<string> {
  const allowed = new Set<string>();
  const configured = readEnv().APP_ORIGIN;
  if (configured) allowed.add(new URL(configured).origin);
  const host = trustedForwardedValue(req.headers.get("x-forwarded-host"), trustProxy) ?? req.headers.get("host");
  if (host) {
    const proto = trustedForwardedValue(req.headers.get("x-forwarded-proto"), trustProxy) ?? new URL(req.url).protocol.replace(":", "");
    allowed.add(`${proto}://${host}`);
  }
  return allowed;
}
