import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

/** The channel the job_runs trigger notifies when a run becomes claimable. */
export const RUN_QUEUED_CHANNEL = "automation_run_queued";

export interface Wakeups {
  stop(): Promise<void>;
}

/**
 * Listens for queued runs on a connection of its own and calls `wake` for each notification.
 * When the connection drops (server restart, network cut) it reconnects with backoff; each
 * reconnect also calls `wake`, because notifications sent while it was away are lost. Polling
 * stays on as the fallback whatever happens here.
 */
export function listenForQueuedRuns({
  url,
  wake,
  log,
  maxBackoffMs = 10_000,
}: {
  url: string;
  wake: () => void;
  log: (message: string) => void;
  maxBackoffMs?: number;
}): Wakeups {
  let stopped = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let failures = 0;

  const scheduleReconnect = () => {
    if (stopped || retryTimer) return;
    const delay = Math.min(maxBackoffMs, 250 * 2 ** Math.min(failures, 6));
    failures += 1;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, delay);
  };

  const connect = async () => {
    const next = new pg.Client({ ...parseIntoClientConfig(url), keepAlive: true, connectionTimeoutMillis: 5_000 });
    let dropped = false;
    const onDrop = (reason: string) => {
      if (dropped) return;
      dropped = true;
      if (client === next) client = undefined;
      next.removeAllListeners("notification");
      void next.end().catch(() => undefined);
      if (!stopped) {
        log(`Listening connection lost (${reason}); reconnecting`);
        scheduleReconnect();
      }
    };
    next.on("error", (error) => onDrop(error.message));
    next.on("end", () => onDrop("connection ended"));
    next.on("notification", () => wake());
    try {
      await next.connect();
      await next.query(`LISTEN ${RUN_QUEUED_CHANNEL}`);
    } catch (error) {
      onDrop(error instanceof Error ? error.message : String(error));
      return;
    }
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    if (failures > 0) log("Listening for queued runs again");
    failures = 0;
    wake();
  };

  void connect();

  return {
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
