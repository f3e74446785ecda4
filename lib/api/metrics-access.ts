import { createHash, timingSafeEqual } from "node:crypto";
import { readEnv } from "../config/env";
import { AppError } from "../errors";
import type { Access } from "../tenancy/resolve-access";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export interface MetricsAccessOptions {
  /** METRICS_TOKEN; undefined: no token opens the metrics. */
  token?: string;
  /** The gate's session check, asked only when no valid token was shown. */
  authenticate: (req: Request) => Promise<Access>;
}

/** A scraper with the metrics token, or a signed-in system admin; nobody else learns the route exists. */
export async function mayReadMetrics(req: Request, { token = readEnv().METRICS_TOKEN, authenticate }: MetricsAccessOptions): Promise<boolean> {
  if (token && showsMetricsToken(req.headers.get("authorization"), token)) return true;
  try {
    return (await authenticate(req)).role === "system_admin";
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/** Whether an Authorization header carries `token` as its bearer token. */
export function showsMetricsToken(authorization: string | null | undefined, token: string): boolean {
  const shown = BEARER.exec(authorization ?? "")?.[1];
  return shown !== undefined && sameSecret(shown, token);
}

// Digests first: timingSafeEqual needs equal lengths, and comparing digests leaks neither the
// token's content nor its length through timing.
function sameSecret(shown: string, expected: string): boolean {
  return timingSafeEqual(digest(shown), digest(expected));
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
