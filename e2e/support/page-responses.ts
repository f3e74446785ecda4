import type { Page } from "@playwright/test";

/**
 * Keeps the newest JSON body the page received from each API path, so that a test can compare
 * what the page draws with what the API told it, even while the page keeps polling.
 */
export function trackApiResponses(page: Page): (path: string) => unknown {
  const latest = new Map<string, { order: number; body: unknown }>();
  let received = 0;
  page.on("response", async (response) => {
    const path = new URL(response.url()).pathname;
    if (!path.startsWith("/api/") || !response.ok()) return;
    const order = ++received;
    const body: unknown = await response.json().catch(() => undefined);
    if (body !== undefined && order > (latest.get(path)?.order ?? 0)) latest.set(path, { order, body });
  });
  return (path) => latest.get(path)?.body;
}
