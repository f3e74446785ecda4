import { getDb } from "../db";

export async function findUserByEmail(email: string) {
  return getDb().user.findUnique({ where: { email: email.trim().toLowerCase() } });
}

export async function isMember({ userId, businessId }: { userId: string; businessId: string }): Promise<boolean> {
  const membership = await getDb().membership.findUnique({ where: { userId_businessId: { userId, businessId } } });
  return membership !== null;
}
