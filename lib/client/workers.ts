"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./api-fetch";
import { WorkerList } from "./worker-schemas";

export { WorkerList, type WorkerSummary } from "./worker-schemas";

const WORKERS_POLL_MS = 5_000;

export const workerKeys = {
  all: ["workers"] as const,
  list: () => [...workerKeys.all, "list"] as const,
};

/** The registered workers, for system admins; refreshed every few seconds so a stalled worker shows up. */
export function useWorkersQuery({ enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: workerKeys.list(),
    queryFn: ({ signal }) => apiFetch("/api/workers", WorkerList, { signal }),
    enabled,
    refetchInterval: WORKERS_POLL_MS,
  });
}
