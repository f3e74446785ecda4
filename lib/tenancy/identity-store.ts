import { getDb } from "../db";
import { inAccess } from "../db/database-access";

// Sign-in runs before anyone is known: on PostgreSQL it may read only the account with this email
// and the login attempts of this email or address (the `sign-in` access), nothing else.
export const normalizeEmail = (email: string) => email.trim().toLowerCase();
export const signInAccess = (email: string, ip = "") => ({ kind: "sign-in", email: normalizeEmail(email), ip }) as const;

// Lookups here use findFirst, not findUnique: a batched lookup would run under another caller's
// access (lib/db/unique-lookup.ts).
export async function findUserByEmail(email: string) {
  return inAccess(signInAccess(email), () => getDb().user.findFirst({ where: { email: normalizeEmail(email) } }));
}

export async function isMember({ userId, businessId }: { userId: string; businessId: string }): Promise<boolean> {
  const membership = await inAccess({ kind: "user", userId }, () =>
    getDb().membership.findFirst({ where: { userId, businessId } }),
  );
  return membership !== null;
}

/**
 * Ends every session of the user (see loadSessionActor). With `ifVersion`, only while the user is
 * still at that version: a session that has already ended cannot end the newer ones.
 */
export async function bumpSessionVersion({ userId, ifVersion }: { userId: string; ifVersion?: number }): Promise<boolean> {
  const { count } = await inAccess({ kind: "user", userId }, () =>
    getDb().user.updateMany({
      where: { id: userId, ...(ifVersion === undefined ? {} : { sessionVersion: ifVersion }) },
      data: { sessionVersion: { increment: 1 } },
    }),
  );
  return count > 0;
}

/** Sets a new password hash and ends the user's sessions, in one statement. */
export async function replacePasswordHash({ userId, passwordHash }: { userId: string; passwordHash: string }): Promise<boolean> {
  // A user changes their own password: the row is theirs (the \`user\` access).
  const { count } = await inAccess({ kind: "user", userId }, () =>
    getDb().user.updateMany({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } }),
  );
  return count > 0;
}

/** Grants or removes system-admin rights; a removal ends the user's sessions in the same statement. */
export async function updateSystemAdmin({ userId, isSystemAdmin }: { userId: string; isSystemAdmin: boolean }): Promise<boolean> {
  const { count } = await inAccess({ kind: "all", reason: "system-admin rights are granted across businesses" }, () =>
    getDb().user.updateMany({
      where: { id: userId },
      data: isSystemAdmin ? { isSystemAdmin } : { isSystemAdmin, sessionVersion: { increment: 1 } },
    }),
  );
  return count > 0;
}
