import { forbidden, redirect } from "next/navigation";
import { sessionUserId } from "@/lib/auth/auth";
import { loadActor, type Actor } from "@/lib/tenancy/actor";

/**
 * Sends visitors without a session to sign in, and answers 403 to users who belong to no business,
 * before any page shell is drawn. Which runs a user may see is decided by the route handlers.
 */
export async function requireSession(callbackPath: string): Promise<Actor> {
  const userId = await sessionUserId();
  const actor = userId ? await loadActor(userId) : null;
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!actor.isSystemAdmin && actor.memberships.length === 0) forbidden();
  return actor;
}
