import { replacePasswordHash, updateSystemAdmin } from "../tenancy/identity-store";
import { hashPassword } from "./password";

/**
 * The changes to an account that must end its existing sessions. Every way the product changes a
 * password or takes away system-admin rights goes through these. Each returns false for an
 * unknown user.
 */
export async function changePassword({ userId, newPassword }: { userId: string; newPassword: string }): Promise<boolean> {
  return replacePasswordHash({ userId, passwordHash: await hashPassword(newPassword) });
}

export async function setSystemAdmin({ userId, isSystemAdmin }: { userId: string; isSystemAdmin: boolean }): Promise<boolean> {
  return updateSystemAdmin({ userId, isSystemAdmin });
}
