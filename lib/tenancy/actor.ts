import { getDb } from "../db";
import { inAccess } from "../db/database-access";
import { Prisma } from "../db/sql";

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

interface ActorRow {
  id: string;
  email: string;
  name: string;
  is_system_admin: boolean | number | bigint;
  session_version: number | bigint;
  business_id: string | null;
  business_name: string | null;
  business_slug: string | null;
  business_status: string | null;
  role: string | null;
}

interface UserWithMemberships {
  id: string;
  email: string;
  name: string;
  isSystemAdmin: boolean;
  sessionVersion: number;
  memberships: ActorMembership[];
}

async function readUserWithMemberships(userId: string): Promise<UserWithMemberships | null> {
  // Every request re-reads its actor, so this is one statement: the user with one row per
  // membership. Before any scope exists: on PostgreSQL it may read only this user's own row,
  // memberships and the businesses they belong to (the `user` access).
  const rows = await inAccess({ kind: "user", userId }, () =>
    getDb().$queryRaw<ActorRow[]>(Prisma.sql`
      SELECT u.id, u.email, u.name, u.is_system_admin, u.session_version,
             b.id AS business_id, b.name AS business_name, b.slug AS business_slug, b.status AS business_status, m.role
      FROM users u
      LEFT JOIN memberships m ON m.user_id = u.id
      LEFT JOIN businesses b ON b.id = m.business_id
      WHERE u.id = ${userId}`),
  );
  const [user] = rows;
  if (!user) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isSystemAdmin: Boolean(Number(user.is_system_admin)),
    sessionVersion: Number(user.session_version),
    memberships: rows.flatMap((row) =>
      row.business_id === null
        ? []
        : [
            {
              businessId: row.business_id,
              businessName: row.business_name ?? "",
              businessSlug: row.business_slug ?? "",
              businessStatus: row.business_status ?? "",
              role: row.role === "admin" ? ("admin" as const) : ("member" as const),
            },
          ],
    ),
  };
}

function toActor(user: UserWithMemberships): Actor {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isSystemAdmin: user.isSystemAdmin,
    memberships: [...user.memberships].sort((a, b) => a.businessName.localeCompare(b.businessName)),
  };
}
