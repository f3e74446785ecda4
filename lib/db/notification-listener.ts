import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

export interface NotificationListener {
  stop(): Promise<void>;
}

/**
 * LISTENs on one channel over a connection of its own and hands each payload to `onNotification`.
 * When the connection drops (server restart, network cut) it reconnects with backoff and calls
 * `onConnectionChange(false)`, then `(true)` once listening again: notifications sent while it
 * was away are lost, so callers refresh on reconnect.
 */
export function listenForNotifications({
  url,
  channel,
  onNotification,
  onConnectionChange = () => undefined,
  log = () => undefined,
  maxBackoffMs = 10_000,
}: {
  url: string;
  channel: string;
  onNotification: (payload: string) => void;
  onConnectionChange?: (listening: boolean) => void;
  log?: (message: string) => void;
  maxBackoffMs?: number;
}): NotificationListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a plain channel name: ${channel}`);
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
      const wasListening = client === next;
      if (wasListening) client = undefined;
      next.removeAllListeners("notification");
      void next.end().catch(() => undefined);
      if (wasListening) onConnectionChange(false);
      if (!stopped) {
        log(`Listening connection on ${channel} lost (${reason}); reconnecting`);
        scheduleReconnect();
      }
    };
    next.on("error", (error) => onDrop(error.message));
    next.on("end", () => onDrop("connection ended"));
    next.on("notification", (message) => {
      if (message.channel === channel) onNotification(message.payload ?? "");
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (error) {
      onDrop(error instanceof Error ? error.message : String(error));
      return;
    }
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    failures = 0;
    onConnectionChange(true);
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
