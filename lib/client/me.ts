"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "./api-fetch";
import { BusinessSwitched, Me } from "./account-schemas";

export { Me } from "./account-schemas";

export const meKeys = {
  all: ["me"] as const,
  current: () => [...meKeys.all, "current"] as const,
};

export function useMeQuery() {
  return useQuery({
    queryKey: meKeys.current(),
    queryFn: ({ signal }) => apiFetch("/api/me", Me, { signal }),
    staleTime: 60_000,
  });
}

export function canManageRuns(me: Me): boolean {
  return (me.role === "system_admin" || me.role === "admin") && !isBusinessSuspended(me);
}

export function activeMembership(me: Me) {
  return me.memberships.find((membership) => membership.businessId === me.activeBusinessId);
}

/** A suspended business's history stays readable; nothing can be triggered, cancelled or retried. */
export function isBusinessSuspended(me: Me): boolean {
  const membership = activeMembership(me);
  return membership !== undefined && membership.businessStatus !== "active";
}

/**
 * Switching changes what every business-scoped answer contains, so everything but the signed-in
 * user is reset and fetched again for the new business.
 */
export function useSwitchBusinessMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (businessId: string) =>
      apiFetch("/api/session/business", BusinessSwitched, { method: "POST", body: { businessId } }),
    onSuccess: async ({ activeBusinessId }) => {
      queryClient.setQueryData<Me>(meKeys.current(), (me) => (me ? { ...me, activeBusinessId } : me));
      await queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== meKeys.all[0] });
      await queryClient.invalidateQueries({ queryKey: meKeys.all });
    },
  });
}
