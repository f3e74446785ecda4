import { redirect } from "next/navigation";
import { sessionUserId } from "@/lib/auth/auth";

/**
 * Sends visitors without a session to sign in before any page shell is drawn. It decides nothing
 * else: what a user may see is decided by the route handlers the page calls.
 */
export async function requireSession(callbackPath: string): Promise<void> {
  if (!(await sessionUserId())) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
}
