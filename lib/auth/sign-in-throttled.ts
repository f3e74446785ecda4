/** The `code` next-auth puts in the sign-in error URL when the throttle refused the attempt. */
export const SIGN_IN_THROTTLED_CODE = "rate_limited";

/** Whether next-auth's answer to a credentials sign-in (a redirect, or JSON `{ url }`) says it was throttled. */
export async function isThrottledSignInResponse(response: Response): Promise<boolean> {
  const location = response.headers.get("location") ?? (await urlFromJson(response));
  if (!location) return false;
  return new URL(location, "http://sign-in.invalid").searchParams.get("code") === SIGN_IN_THROTTLED_CODE;
}

async function urlFromJson(response: Response): Promise<string | null> {
  if (!response.headers.get("content-type")?.includes("application/json")) return null;
  const body = (await response.clone().json().catch(() => null)) as { url?: unknown } | null;
  return typeof body?.url === "string" ? body.url : null;
}
