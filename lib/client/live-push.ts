/**
 * Whether run changes are being pushed to this page right now (an open event stream on
 * PostgreSQL). While they are, idle polling slows to a safety net; the moment the stream drops,
 * or where the server cannot push, the page polls with its usual backoff.
 */
type Listener = (live: boolean) => void;

let live = false;
const listeners = new Set<Listener>();

export function isPushLive(): boolean {
  return live;
}

export function setPushLive(next: boolean): void {
  if (next === live) return;
  live = next;
  for (const listener of [...listeners]) listener(live);
}

export function onPushLiveChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
