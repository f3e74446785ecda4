import { listenForNotifications, type NotificationListener } from "../db/notification-listener";

/** The channel the job_runs trigger notifies when a run becomes claimable. */
export const RUN_QUEUED_CHANNEL = "automation_run_queued";

export type Wakeups = NotificationListener;

/**
 * Listens for queued runs on a connection of its own and calls `wake` for each notification.
 * Each reconnect after a drop also calls `wake`, because notifications sent while it was away are
 * lost. Polling stays on as the fallback whatever happens here.
 */
export function listenForQueuedRuns({
  url,
  wake,
  log,
  maxBackoffMs,
}: {
  url: string;
  wake: () => void;
  log: (message: string) => void;
  maxBackoffMs?: number;
}): Wakeups {
  let lost = false;
  return listenForNotifications({
    url,
    channel: RUN_QUEUED_CHANNEL,
    log,
    maxBackoffMs,
    onNotification: () => wake(),
    onConnectionChange: (listening) => {
      if (!listening) {
        lost = true;
        return;
      }
      if (lost) log("Listening for queued runs again");
      wake();
    },
  });
}
