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
 * otherwise those the actor, as freshly read by the gate, is a member of. A business scope sees
 * only its own business row, so a member's list comes from the actor's memberships.
 */
export async function listBusinesses({ scope, actor }: { scope: Scope; actor: Actor }): Promise<BusinessSummary[]> {
  if (scope.kind === "business") {
    return actor.memberships
      .map((membership) => ({ id: membership.businessId, name: membership.businessName, slug: membership.businessSlug, status: membership.businessStatus }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }
  return scopedDb(scope).business.findMany({
    select: { id: true, name: true, slug: true, status: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
