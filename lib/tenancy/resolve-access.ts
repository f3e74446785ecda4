import { AppError } from "../errors";
import type { Actor, MembershipRole } from "./actor";
import { ALL_BUSINESSES, businessScope, type Scope } from "./scope";

export type AccessRole = "system_admin" | MembershipRole;

export interface Access {
  actor: Actor;
  scope: Scope;
  role: AccessRole;
  /** The business the user is working in; undefined for system admins. */
  activeBusinessId?: string;
  /** The active business is suspended: its history stays readable, its runs cannot be changed. */
  businessSuspended: boolean;
}

/**
 * The single place a user becomes a scope. System admins see every business; everyone else sees
 * the business they picked, if they still belong to it, else their first business; a user with
 * no membership gets nothing.
 */
export function resolveAccess(actor: Actor, preferredBusinessId?: string | null): Access {
  if (actor.isSystemAdmin) return { actor, scope: ALL_BUSINESSES, role: "system_admin", businessSuspended: false };
  const active =
    actor.memberships.find((membership) => membership.businessId === preferredBusinessId) ?? actor.memberships[0];
  if (!active) throw new AppError("forbidden", "You are not a member of any business");
  return {
    actor,
    scope: businessScope(active.businessId),
    role: active.role,
    activeBusinessId: active.businessId,
    businessSuspended: active.businessStatus !== "active",
  };
}

/** Triggering, cancelling and retrying need an active business; system admins are never held back. */
export function assertMayChangeRuns(access: Access): void {
  if (access.businessSuspended) {
    throw new AppError("business_suspended", "This business is suspended: its runs can be read but not triggered, cancelled or retried");
  }
}

export function canManageRuns(access: Access): boolean {
  return access.role === "system_admin" || access.role === "admin";
}
