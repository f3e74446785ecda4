import type { Actor } from "../tenancy/actor";
import { scopedDb, type Scope } from "../tenancy";

export interface BusinessSummary {
  id: string;
  name: string;
  slug: string;
  status: string;
}

/**
 * Businesses the caller may pick from: every one for a system admin (the all-businesses scope),
 * otherwise only those the actor, as freshly read by the gate, is a member of.
 */
export async function listBusinesses({ scope, actor }: { scope: Scope; actor: Actor }): Promise<BusinessSummary[]> {
  const where = scope.kind === "all" ? {} : { id: { in: actor.memberships.map((membership) => membership.businessId) } };
  return scopedDb(scope).business.findMany({
    where,
    select: { id: true, name: true, slug: true, status: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
