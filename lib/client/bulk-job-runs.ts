"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BulkAction } from "@/lib/job-runs/schemas";
import { apiFetch } from "./api-fetch";
import { BulkPreview, BulkResult } from "./job-run-schemas";
import { jobRunKeys } from "./job-runs";
import type { JobRunListFilters } from "./run-view";

/** The runs a bulk action names: picked rows, or everything the list shows with its filters. */
export type BulkTarget = { ids: string[] } | { filters: JobRunListFilters };

/** The list's filters in the body's format, which is the list query's: statuses as one comma list. */
function requestBody(action: BulkAction, target: BulkTarget, dryRun: boolean) {
  const named =
    "ids" in target
      ? { ids: target.ids }
      : { filter: { ...target.filters, ...(target.filters.status ? { status: target.filters.status.join(",") } : {}) } };
  return { action, ...named, ...(dryRun ? { dryRun: true } : {}) };
}

/** How many runs the list's filters match, which "select all matching" offers to act on. */
export function useMatchingRunCount(filters: JobRunListFilters, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: [...jobRunKeys.all, "matching-count", filters] as const,
    enabled,
    queryFn: ({ signal }) =>
      apiFetch("/api/job-runs/bulk", BulkPreview, { method: "POST", body: requestBody("cancel", { filters }, true), signal }),
    select: (preview) => preview.matched,
  });
}

export function useBulkChangeMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, target }: { action: BulkAction; target: BulkTarget }) =>
      apiFetch("/api/job-runs/bulk", BulkResult, { method: "POST", body: requestBody(action, target, false) }),
    // Refetch even when the server refused: runs may have changed under the user.
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobRunKeys.all }),
  });
}
