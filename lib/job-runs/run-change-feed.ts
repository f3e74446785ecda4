import { databaseProvider, readEnv } from "../config/env";
import { listenForNotifications, type NotificationListener } from "../db/notification-listener";
import { getLogger } from "../logging/logger";
import { parseRunChangePayload, RUN_CHANGED_CHANNEL, type RunChangeEvent } from "./run-change-event";

export interface RunChangeSubscriber {
  onChange(event: RunChangeEvent): void;
  /** The database connection was lost or is back; changes in between were missed. */
  onConnectionChange(listening: boolean): void;
}

interface Feed {
  subscribers: Set<RunChangeSubscriber>;
  listener?: NotificationListener;
  listening: boolean;
}

// One LISTEN connection per web process, shared by every open stream. Kept on globalThis because
// Next.js bundles each route apart; two copies would open two connections.
const holder = globalThis as unknown as { __automationRunChangeFeed?: Feed };
const feed = (holder.__automationRunChangeFeed ??= { subscribers: new Set(), listening: false });

/** Whether this deployment can push run changes: only PostgreSQL notifies. */
export function runChangesCanBePushed(): boolean {
  return databaseProvider(readEnv().DATABASE_URL) === "postgresql";
}

/**
 * Subscribes to run changes; the connection opens with the first subscriber and closes with the
 * last. Returns the unsubscribe function.
 */
export function subscribeToRunChanges(subscriber: RunChangeSubscriber): () => void {
  feed.subscribers.add(subscriber);
  if (!feed.listener) startListening();
  else if (feed.listening) subscriber.onConnectionChange(true);
  return () => {
    feed.subscribers.delete(subscriber);
    if (feed.subscribers.size === 0) stopListening();
  };
}

function startListening() {
  const log = getLogger().child({ component: "run-change-feed" });
  feed.listener = listenForNotifications({
    url: readEnv().DATABASE_URL,
    channel: RUN_CHANGED_CHANNEL,
    log: (message) => log.warn(message),
    onNotification: (payload) => {
      const event = parseRunChangePayload(payload);
      if (!event) return log.warn({ payload: payload.slice(0, 200) }, "ignored a run change that is not one");
      for (const subscriber of [...feed.subscribers]) subscriber.onChange(event);
    },
    onConnectionChange: (listening) => {
      feed.listening = listening;
      for (const subscriber of [...feed.subscribers]) subscriber.onConnectionChange(listening);
    },
  });
}

function stopListening() {
  const listener = feed.listener;
  feed.listener = undefined;
  feed.listening = false;
  void listener?.stop();
}
