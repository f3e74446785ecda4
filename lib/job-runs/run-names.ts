import type { ScopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { serializeRun } from "./serialize";

/** Names for the businesses on one page of runs (system admins see a business column). */
export async function businessNames(db: ScopedDb, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (!unique.length) return new Map();
  const businesses = await db.business.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(businesses.map((business) => [business.id, business.name]));
}

/** Emails of the users who triggered a page of runs. */
export async function userEmails(db: ScopedDb, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => id !== null))];
  if (!unique.length) return new Map();
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, email: true } });
  return new Map(users.map((user) => [user.id, user.email]));
}

type RunRow = Parameters<typeof serializeRun>[0];

/** Serializes runs with the names a person needs to read them; business names only for system admins. */
export async function serializeRunsWithNames(scope: Scope, db: ScopedDb, rows: RunRow[]) {
  const [names, emails] = await Promise.all([
    scope.kind === "all" ? businessNames(db, rows.map((row) => row.businessId)) : Promise.resolve(undefined),
    userEmails(db, rows.map((row) => row.triggeredByUserId)),
  ]);
  return rows.map((row) =>
    serializeRun(row, scope, {
      ...(names ? { businessName: row.businessId ? (names.get(row.businessId) ?? null) : null } : {}),
      triggeredByEmail: row.triggeredByUserId ? (emails.get(row.triggeredByUserId) ?? null) : null,
    }),
  );
}
