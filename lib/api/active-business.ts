import { z } from "zod";
import { uuid } from "./uuid";

/** Cookie holding the business a multi-business user picked; re-validated on every request. */
export const ACTIVE_BUSINESS_COOKIE = "automation-business";

/** Body of POST /api/session/business. */
export const SwitchBusinessBody = z.object({ businessId: uuid() }).strict();

export function readActiveBusinessCookie(req: Request): string | null {
  return activeBusinessFromCookieHeader(req.headers.get("cookie"));
}

/** The chosen business from a Cookie header: pages and route handlers read it the same way (the first one wins). */
export function activeBusinessFromCookieHeader(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === ACTIVE_BUSINESS_COOKIE) return decodeOrNull(rest.join("="));
  }
  return null;
}

export function activeBusinessCookie(businessId: string, secure: boolean): string {
  return `${ACTIVE_BUSINESS_COOKIE}=${encodeURIComponent(businessId)}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}; Max-Age=31536000`;
}

// A cookie that does not decode is treated as no choice at all: the user's first business applies.
function decodeOrNull(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
