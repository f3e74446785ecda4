import { countFailedLogins } from "../tenancy/identity-store";

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILED_LOGINS = 10;

/** True once an account or an address has used up its failed sign-ins for the window. */
export async function isLoginThrottled({ email, ip }: { email: string; ip: string }): Promise<boolean> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MS);
  const { byEmail, byIp } = await countFailedLogins({ email, ip, since });
  return byEmail >= MAX_FAILED_LOGINS || byIp >= MAX_FAILED_LOGINS;
}

export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
