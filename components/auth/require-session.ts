import { forbidden, redirect } from "next/navigation";
import { loadSignedInActor } from "@/lib/auth/signed-in-actor";
import type { Actor } from "@/lib/tenancy/actor";

/**
 * Sends visitors without a session to sign in, and answers 403 to users who belong to no business,
 * before any page shell is drawn. Which runs a user may see is decided by the route handlers.
 */
export async function requireSession(callbackPath: string): Promise<Actor> {
  const actor = await loadSignedInActor();
  if (!actor) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
  if (!actor.isSystemAdmin && actor.memberships.length === 0) forbidden();
  return actor;
}
