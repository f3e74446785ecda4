import { readEnv } from "../config/env";
import { AppError } from "../errors";

/**
 * Refuses cross-site mutations. Browsers send Origin (and Sec-Fetch-Site) on every POST; a
 * request with neither comes from a non-browser client, which cannot ride on a user's cookies.
 */
export function assertSameOrigin(req: Request): void {
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new AppError("forbidden", "Cross-site requests are not allowed");
  }
  const origin = req.headers.get("origin");
  if (origin === null) return;
  if (!allowedOrigins(req).has(origin)) throw new AppError("forbidden", "Cross-site requests are not allowed");
}

function allowedOrigins(req: Request): Set<string> {
  const allowed = new Set<string>();
  const configured = readEnv().APP_ORIGIN;
  if (configured) allowed.add(new URL(configured).origin);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) {
    const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
    allowed.add(`${proto}://${host}`);
  }
  return allowed;
}
