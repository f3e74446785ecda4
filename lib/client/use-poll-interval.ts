"use client";

import { useCallback, useRef } from "react";
import { isPushLive } from "./live-push";
import { HIDDEN_POLL_MS, nextIdleDelay, PUSHED_IDLE_POLL_MS, TIGHT_POLL_MS } from "./poll-schedule";

interface PolledQuery<T> {
  state: { data: T | undefined; dataUpdatedAt: number };
}

/**
 * A TanStack Query `refetchInterval` that polls tight while `isBusy(data)`, otherwise backs off
 * between answers that bring nothing new. Structural sharing keeps an unchanged answer the same
 * object, which is how a change is seen. TanStack evaluates the interval several times per fetch,
 * so the delay only moves when a new answer has arrived. While the server pushes run changes,
 * idle polling is only a safety net.
 */
export function usePollInterval<T>(isBusy: (data: T) => boolean = () => false) {
  const last = useRef<{ data: T | undefined; updatedAt: number; delay: number | null }>({ data: undefined, updatedAt: -1, delay: null });
  return useCallback(
    (query: PolledQuery<T>): number => {
      if (typeof document !== "undefined" && document.visibilityState === "hidden") return HIDDEN_POLL_MS;
      const { data, dataUpdatedAt } = query.state;
      if (data !== undefined && isBusy(data)) {
        last.current = { data, updatedAt: dataUpdatedAt, delay: null };
        return TIGHT_POLL_MS;
      }
      if (isPushLive()) return PUSHED_IDLE_POLL_MS;
      if (dataUpdatedAt === last.current.updatedAt && last.current.delay !== null) return last.current.delay;
      const delay = nextIdleDelay(last.current.delay, data !== last.current.data);
      last.current = { data, updatedAt: dataUpdatedAt, delay };
      return delay;
    },
    [isBusy],
  );
}
