"use client";

import { keepPreviousData, useInfiniteQuery, type InfiniteData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { ACTIVE_STATUSES, type JobRunResponse, type StatsWindow } from "@/lib/job-runs/schemas";
import { SHARED_READ_MAX_AGE_MS } from "@/lib/job-runs/shared-read";
import { apiFetch, toQueryString } from "./api-fetch";
import { ActiveJobRuns, BusinessBreakdown, JobRunDetail, JobRunPage, JobRunStats, JobTypes, RunChange, TriggerResult } from "./job-run-schemas";
import { isRunningOrDue } from "./poll-schedule";
import type { JobRunListFilters } from "./run-view";
import { usePollInterval } from "./use-poll-interval";
import { useRunDetailPollInterval } from "./use-run-detail-poll-interval";

const PAGE_SIZE = 50;
const STATS_POLL_MS = 10_000;

export const jobRunKeys = {
  all: ["job-runs"] as const,
  lists: () => [...jobRunKeys.all, "list"] as const,
  list: (filters: JobRunListFilters) => [...jobRunKeys.lists(), filters] as const,
  details: () => [...jobRunKeys.all, "detail"] as const,
  detail: (id: string) => [...jobRunKeys.details(), id] as const,
  stats: (window: StatsWindow, businessId?: string) => [...jobRunKeys.all, "stats", { window, businessId }] as const,
  // Under "stats" so that whatever refreshes the statistics refreshes the breakdown too.
  businessBreakdown: (window: StatsWindow) => [...jobRunKeys.all, "stats", "businesses", { window }] as const,
  active: (businessId?: string) => [...jobRunKeys.all, "active", { businessId }] as const,
  types: () => [...jobRunKeys.all, "types"] as const,
};

function hasRunningOrDueRun(active: ActiveJobRuns): boolean {
  const now = Date.now();
  return active.runs.some((run) => isRunningOrDue(run, now));
}

export function isActiveRun(run: Pick<JobRunResponse, "status">): boolean {
  return ACTIVE_STATUSES.includes(run.status);
}

/**
 * Run history, newest first, one keyset page at a time. Polled with backoff even when nothing is
 * active, so that runs started elsewhere (the API, the scheduler, another admin) show up.
 */
export function useJobRunsQuery(filters: JobRunListFilters, { enabled = true }: { enabled?: boolean } = {}) {
  const refetchInterval = usePollInterval<InfiniteData<JobRunPage>>();
  return useInfiniteQuery({
    queryKey: jobRunKeys.list(filters),
    enabled,
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage: JobRunPage) => lastPage.nextCursor ?? undefined,
    queryFn: ({ pageParam, signal }) =>
      apiFetch(
        `/api/job-runs${toQueryString({ ...filters, cursor: pageParam, limit: String(PAGE_SIZE) })}`,
        JobRunPage,
        { signal },
      ),
    placeholderData: keepPreviousData,
    refetchInterval,
    refetchIntervalInBackground: true,
  });
}

/**
 * Queued and running runs. Polled tight while something runs or is due (its progress bar
 * moves); otherwise, scheduled runs included, with the idle backoff.
 */
export function useActiveJobRunsQuery(businessId?: string) {
  const refetchInterval = usePollInterval(hasRunningOrDueRun);
  return useQuery({
    queryKey: jobRunKeys.active(businessId),
    queryFn: ({ signal }) => apiFetch(`/api/job-runs/active${toQueryString({ businessId })}`, ActiveJobRuns, { signal }),
    refetchInterval,
    refetchIntervalInBackground: true,
  });
}

export function useJobRunStatsQuery({ window, businessId, live }: { window: StatsWindow; businessId?: string; live: boolean }) {
  return useQuery({
    queryKey: jobRunKeys.stats(window, businessId),
    queryFn: ({ signal }) => apiFetch(`/api/job-runs/stats${toQueryString({ window, businessId })}`, JobRunStats, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? STATS_POLL_MS : false,
  });
}

/** Runs, failures and the live queue per business: for system admins only. */
export function useBusinessBreakdownQuery({ window, live }: { window: StatsWindow; live: boolean }) {
  return useQuery({
    queryKey: jobRunKeys.businessBreakdown(window),
    queryFn: ({ signal }) => apiFetch(`/api/job-runs/stats/businesses${toQueryString({ window })}`, BusinessBreakdown, { signal }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? STATS_POLL_MS : false,
  });
}

export function useJobTypesQuery() {
  return useQuery({
    queryKey: jobRunKeys.types(),
    queryFn: ({ signal }) => apiFetch("/api/job-runs/types", JobTypes, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** One run with everything the detail page shows; see useRunDetailPollInterval for how it is refreshed. */
export function useJobRunDetailQuery(id: string) {
  const refetchInterval = useRunDetailPollInterval();
  return useQuery({
    queryKey: jobRunKeys.detail(id),
    queryFn: ({ signal }) => apiFetch(`/api/job-runs/${encodeURIComponent(id)}`, JobRunDetail, { signal }),
    refetchInterval,
  });
}

/**
 * The history table and the statistics are not polled; they are refreshed when a run enters,
 * leaves or changes state in the active set, which is what makes them stale.
 */
export function useRefreshWhenActiveRunsChange(active: ActiveJobRuns | undefined) {
  const queryClient = useQueryClient();
  const signature = active ? active.runs.map((run) => `${run.id}:${run.status}`).join("|") : null;
  const previous = useRef<string | null>(null);
  const pending = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    if (signature === null) return;
    const changed = previous.current !== null && previous.current !== signature;
    previous.current = signature;
    if (!changed) return;
    void queryClient.invalidateQueries({ queryKey: jobRunKeys.lists() });
    // Asked at once, the statistics could repeat a queue count shared from just before the change.
    // Not cancelled by the next change: a queue that changes at every poll still refreshes them.
    const timers = pending.current;
    const later = setTimeout(() => {
      timers.delete(later);
      void queryClient.invalidateQueries({ queryKey: [...jobRunKeys.all, "stats"] });
    }, SHARED_READ_MAX_AGE_MS + 150);
    timers.add(later);
  }, [signature, queryClient]);
  useEffect(() => {
    const timers = pending.current;
    return () => timers.forEach(clearTimeout);
  }, []);
}

export interface TriggerJobRunInput {
  jobType: string;
  params: Record<string, unknown>;
  idempotencyKey?: string;
  tags?: string[];
  /** When the run becomes due (ISO 8601); now when left out. */
  runAt?: string;
  priority?: number;
  /** System admins only: the business to run a tenant job for; null for a system job. */
  businessId?: string | null;
}

export function useTriggerJobRunMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TriggerJobRunInput) =>
      apiFetch("/api/job-runs", TriggerResult, { method: "POST", body: { ...input, source: "manual" } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: jobRunKeys.all }),
  });
}

function useRunStateMutation(action: "cancel" | "retry") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch(`/api/job-runs/${encodeURIComponent(id)}/${action}`, RunChange, { method: "POST" }),
    // Refetch even when the server refused (409): the run has changed under the user.
    onSettled: () => queryClient.invalidateQueries({ queryKey: jobRunKeys.all }),
  });
}

export function useCancelJobRunMutation() {
  return useRunStateMutation("cancel");
}

export function useRetryJobRunMutation() {
  return useRunStateMutation("retry");
}
