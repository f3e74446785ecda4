"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./api-fetch";
import { BusinessList } from "./account-schemas";

export { BusinessList, type BusinessSummary } from "./account-schemas";

export const businessKeys = {
  all: ["businesses"] as const,
  list: () => [...businessKeys.all, "list"] as const,
};

export function useBusinessesQuery({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: businessKeys.list(),
    queryFn: ({ signal }) => apiFetch("/api/businesses", BusinessList, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}
