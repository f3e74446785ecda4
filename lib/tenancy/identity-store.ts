import { getDb } from "../db";

export async function findUserByEmail(email: string) {
  return getDb().user.findUnique({ where: { email: email.trim().toLowerCase() } });
}

export async function isMember({ userId, businessId }: { userId: string; businessId: string }): Promise<boolean> {
  const membership = await getDb().membership.findUnique({ where: { userId_businessId: { userId, businessId } } });
  return membership !== null;
}

/**
 * Ends every session of the user (see loadSessionActor). With `ifVersion`, only while the user is
 * still at that version: a session that has already ended cannot end the newer ones.
 */
export async function bumpSessionVersion({ userId, ifVersion }: { userId: string; ifVersion?: number }): Promise<boolean> {
  const { count } = await getDb().user.updateMany({
    where: { id: userId, ...(ifVersion === undefined ? {} : { sessionVersion: ifVersion }) },
    data: { sessionVersion: { increment: 1 } },
  });
  return count > 0;
}

/** Sets a new password hash and ends the user's sessions, in one statement. */
export async function replacePasswordHash({ userId, passwordHash }: { userId: string; passwordHash: string }): Promise<boolean> {
  const { count } = await getDb().user.updateMany({ where: { id: userId }, data: { passwordHash, sessionVersion: { increment: 1 } } });
  return count > 0;
}

/** Grants or removes system-admin rights; a removal ends the user's sessions in the same statement. */
export async function updateSystemAdmin({ userId, isSystemAdmin }: { userId: string; isSystemAdmin: boolean }): Promise<boolean> {
  const { count } = await getDb().user.updateMany({
    where: { id: userId },
    data: isSystemAdmin ? { isSystemAdmin } : { isSystemAdmin, sessionVersion: { increment: 1 } },
  });
  return count > 0;
}
