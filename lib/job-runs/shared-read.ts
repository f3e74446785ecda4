/**
 * How old a shared live count may be. Every open page refreshes its statistics when runs change,
 * which while workers drain a queue is several times a second per page, and counting a deep queue
 * reads each of its rows. Oban's dashboard and River's queue counts answer this the same way: the
 * count is taken once and shared, not once per viewer. Pages wait a little longer than this after
 * a change before they ask (lib/client/use-run-change-events.ts), so the count they get was taken
 * after the change.
 */
export const SHARED_READ_MAX_AGE_MS = 1_000;

const MAX_ENTRIES = 1_000;

interface Entry<T> {
  startedAt: number;
  value: Promise<T>;
}

/**
 * One read per key at a time, its answer shared with every caller asking for the same key until
 * it is older than `maxAgeMs`. A failed read is not kept. The key must name everything the read
 * depends on, the caller's scope first.
 */
export function createSharedReads<T>({ maxAgeMs = SHARED_READ_MAX_AGE_MS, clock = () => performance.now() } = {}) {
  const entries = new Map<string, Entry<T>>();
  return (key: string, read: () => Promise<T>): Promise<T> => {
    const now = clock();
    const kept = entries.get(key);
    if (kept && now - kept.startedAt < maxAgeMs) return kept.value;
    if (entries.size >= MAX_ENTRIES) {
      for (const [oldKey, entry] of entries) if (now - entry.startedAt >= maxAgeMs) entries.delete(oldKey);
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    }
    const value = read();
    const entry = { startedAt: now, value };
    entries.set(key, entry);
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  };
}
