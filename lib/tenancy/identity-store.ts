import { getDb } from "../db";

export async function findUserByEmail(email: string) {
  return getDb().user.findUnique({ where: { email: email.trim().toLowerCase() } });
}

export async function recordLoginAttempt(attempt: { email: string; ip: string; succeeded: boolean }): Promise<void> {
  await getDb().loginAttempt.create({ data: { ...attempt, email: attempt.email.trim().toLowerCase() } });
}

export async function countFailedLogins({ email, ip, since }: { email: string; ip: string; since: Date }) {
  const db = getDb();
  const [byEmail, byIp] = await Promise.all([
    db.loginAttempt.count({ where: { email: email.trim().toLowerCase(), succeeded: false, createdAt: { gte: since } } }),
    db.loginAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since } } }),
  ]);
  return { byEmail, byIp };
}

export async function isMember({ userId, businessId }: { userId: string; businessId: string }): Promise<boolean> {
  const membership = await getDb().membership.findUnique({ where: { userId_businessId: { userId, businessId } } });
  return membership !== null;
}
