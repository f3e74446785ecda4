import { getDb } from "../db";
import { inAccess } from "../db/database-access";

// Sign-in runs before anyone is known: on PostgreSQL it may read only the account with this email
// and the login attempts of this email or address (the `sign-in` access), nothing else.
const normalizeEmail = (email: string) => email.trim().toLowerCase();
const signInAccess = (email: string, ip = "") => ({ kind: "sign-in", email: normalizeEmail(email), ip }) as const;

export async function findUserByEmail(email: string) {
  return inAccess(signInAccess(email), () => getDb().user.findUnique({ where: { email: normalizeEmail(email) } }));
}

export async function recordLoginAttempt(attempt: { email: string; ip: string; succeeded: boolean }): Promise<void> {
  await inAccess(signInAccess(attempt.email, attempt.ip), () =>
    getDb().loginAttempt.create({ data: { ...attempt, email: normalizeEmail(attempt.email) } }),
  );
}

export async function countFailedLogins({ email, ip, since }: { email: string; ip: string; since: Date }) {
  const db = getDb();
  return inAccess(signInAccess(email, ip), async () => {
    const [byEmail, byIp] = await Promise.all([
      db.loginAttempt.count({ where: { email: normalizeEmail(email), succeeded: false, createdAt: { gte: since } } }),
      db.loginAttempt.count({ where: { ip, succeeded: false, createdAt: { gte: since } } }),
    ]);
    return { byEmail, byIp };
  });
}

export async function isMember({ userId, businessId }: { userId: string; businessId: string }): Promise<boolean> {
  const membership = await inAccess({ kind: "user", userId }, () =>
    getDb().membership.findUnique({ where: { userId_businessId: { userId, businessId } } }),
  );
  return membership !== null;
}
