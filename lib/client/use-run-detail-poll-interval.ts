"use client";

import { useCallback, useRef } from "react";
import { ACTIVE_STATUSES } from "@/lib/job-runs/schemas";
import type { JobRunDetail } from "./job-run-schemas";
import { isRunningOrDue, TIGHT_POLL_MS } from "./poll-schedule";
import { usePollInterval } from "./use-poll-interval";

function isRunOfDetailRunningOrDue(detail: JobRunDetail): boolean {
  return isRunningOrDue(detail.run, Date.now());
}

/**
 * A run page refreshes until its run has ended, tight while it runs or is due and with the idle
 * backoff while it is scheduled for later, then once more: the worker may still be writing the
 * last log lines and closing its attempt when the status changes.
 */
export function useRunDetailPollInterval() {
  const whileActive = usePollInterval(isRunOfDetailRunningOrDue);
  const firstEndedAnswerAt = useRef<number | null>(null);
  return useCallback(
    (query: { state: { data: JobRunDetail | undefined; dataUpdatedAt: number } }): number | false => {
      const { data, dataUpdatedAt } = query.state;
      if (!data) return false;
      if (ACTIVE_STATUSES.includes(data.run.status)) {
        firstEndedAnswerAt.current = null;
        return whileActive(query);
      }
      firstEndedAnswerAt.current ??= dataUpdatedAt;
      return firstEndedAnswerAt.current === dataUpdatedAt ? TIGHT_POLL_MS : false;
    },
    [whileActive],
  );
}
