import { sessionIdentity } from "../auth/auth";
import { loadSessionActor } from "../tenancy/actor";
import { resolveAccess, type Access } from "../tenancy/resolve-access";
import type { Scope } from "../tenancy/scope";
import { readActiveBusinessCookie } from "./active-business";

function sameScope(a: Scope, b: Scope): boolean {
  if (a.kind === "all" || b.kind === "all") return a.kind === b.kind;
  return a.businessId === b.businessId;
}

/**
 * For responses that outlive their request (an event stream): remembers who asked and returns a
 * check to call later, which re-reads the user from the database the way the gate does and says
 * whether they still have the scope the response was opened with. A signed-out session, a removed
 * membership or a lost system-admin flag each answer false. Call it while the request is live:
 * the session is read from its cookies.
 */
export async function captureAccessRecheck(req: Request, access: Access): Promise<() => Promise<boolean>> {
  const identity = await sessionIdentity();
  const preferredBusinessId = readActiveBusinessCookie(req);
  return async () => {
    if (!identity) return false;
    const actor = await loadSessionActor(identity);
    if (!actor) return false;
    try {
      return sameScope(resolveAccess(actor, preferredBusinessId).scope, access.scope);
    } catch {
      return false;
    }
  };
}
