"use client";

import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "./api-fetch";

export const BusinessList = z.object({
  businesses: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string(), status: z.string() })),
});
export type BusinessSummary = z.infer<typeof BusinessList>["businesses"][number];

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
