"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { jobRunKeys } from "./job-runs";
import { isPushLive, setPushLive } from "./live-push";
import { SHARED_READ_MAX_AGE_MS } from "@/lib/job-runs/shared-read";
import { createRunChangeBatch } from "./run-change-batch";

const EVENTS_URL = "/api/job-runs/events";
/** Long enough to fold a burst (a bulk trigger, a busy worker) into one refresh. */
const BATCH_MS = 250;
/** Statistics share their queue count for a moment; asked later than that, the count is newer than the change. */
const STATS_BATCH_MS = SHARED_READ_MAX_AGE_MS + 150;

/**
 * Listens to the server's run changes and refreshes what they make stale: the history, the
 * statistics, the active runs and the page of each changed run. `scopeKey` names the caller's
 * scope (the active business); a new one reopens the stream, because the server fixes the scope
 * when the stream opens. Where the server cannot push (204) or the stream drops, `live` turns
 * false and the queries' own polling carries on.
 */
export function useRunChangeEvents(scopeKey: string | null, { enabled = true }: { enabled?: boolean } = {}) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === "undefined") return;
    const refreshAll = () => void queryClient.invalidateQueries({ queryKey: jobRunKeys.all });
    const batch = createRunChangeBatch({
      delayMs: BATCH_MS,
      flush: (runIds) => {
        void queryClient.invalidateQueries({ queryKey: jobRunKeys.lists() });
        void queryClient.invalidateQueries({ queryKey: [...jobRunKeys.all, "active"] });
        for (const id of runIds) void queryClient.invalidateQueries({ queryKey: jobRunKeys.detail(id) });
      },
    });
    const statsBatch = createRunChangeBatch({
      delayMs: STATS_BATCH_MS,
      flush: () => void queryClient.invalidateQueries({ queryKey: [...jobRunKeys.all, "stats"] }),
    });
    const source = new EventSource(EVENTS_URL);
    let opened = false;
    const goLive = (live: boolean) => {
      if (live === isPushLive()) return;
      setPushLive(live);
      // Either way the page may have missed changes: while polling slowly, or while not told.
      refreshAll();
    };
    source.addEventListener("open", () => {
      // The first open follows the page's own first load; a reopen follows a gap.
      if (opened) refreshAll();
      opened = true;
      setPushLive(true);
    });
    source.addEventListener("resync", () => {
      setPushLive(true);
      refreshAll();
    });
    source.addEventListener("paused", () => goLive(false));
    source.addEventListener("run", (event) => {
      try {
        const { id } = JSON.parse((event as MessageEvent<string>).data) as { id?: unknown };
        if (typeof id !== "string") return;
        batch.add(id);
        statsBatch.add(id);
      } catch {
        // A malformed event changes nothing; the next one or the poll will.
      }
    });
    source.addEventListener("closed", () => {
      source.close();
      goLive(false);
    });
    source.addEventListener("error", () => {
      // EventSource reconnects by itself after a network error; after a refusal it stays closed.
      goLive(false);
    });
    return () => {
      batch.cancel();
      statsBatch.cancel();
      source.close();
      setPushLive(false);
    };
  }, [scopeKey, enabled, queryClient]);
}
