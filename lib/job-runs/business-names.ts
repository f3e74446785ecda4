import type { ScopedDb } from "../tenancy/scoped-db";

/** Names for the businesses on one page of runs (system admins see a business column). */
export async function businessNames(db: ScopedDb, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (!unique.length) return new Map();
  const businesses = await db.business.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(businesses.map((business) => [business.id, business.name]));
}
