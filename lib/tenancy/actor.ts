import { getDb } from "../db";
import { inAccess } from "../db/database-access";

export type MembershipRole = "admin" | "member";

export interface ActorMembership {
  businessId: string;
  businessName: string;
  businessSlug: string;
  businessStatus: string;
  role: MembershipRole;
}

/** The signed-in user as the database sees them right now, not as the session remembers them. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  isSystemAdmin: boolean;
  memberships: ActorMembership[];
}

export async function loadActor(userId: string): Promise<Actor | null> {
  const user = await readUserWithMemberships(userId);
  return user ? toActor(user) : null;
}

/**
 * The actor of a signed-in session, or null when the session has ended: its user is gone, or their
 * session version moved on since it was signed in (sign-out, a password change, lost rights).
 */
export async function loadSessionActor({ userId, sessionVersion }: { userId: string; sessionVersion: number }): Promise<Actor | null> {
  const user = await readUserWithMemberships(userId);
  return user && user.sessionVersion === sessionVersion ? toActor(user) : null;
}

function readUserWithMemberships(userId: string) {
  // Before any scope exists: on PostgreSQL this may read only this user's own row, memberships and
  // the businesses they belong to (the `user` access).
  // findFirst, not findUnique: a batched lookup would run under another caller's access (lib/db/unique-lookup.ts).
  return inAccess({ kind: "user", userId }, () =>
    getDb().user.findFirst({
      where: { id: userId },
      include: { memberships: { include: { business: true } } },
    }),
  );
}

function toActor(user: NonNullable<Awaited<ReturnType<typeof readUserWithMemberships>>>): Actor {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isSystemAdmin: user.isSystemAdmin,
    memberships: user.memberships
      .map((membership) => ({
        businessId: membership.businessId,
        businessName: membership.business.name,
        businessSlug: membership.business.slug,
        businessStatus: membership.business.status,
        role: membership.role === "admin" ? ("admin" as const) : ("member" as const),
      }))
      .sort((a, b) => a.businessName.localeCompare(b.businessName)),
  };
}
