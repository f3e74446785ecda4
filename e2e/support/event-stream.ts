import type { APIRequestContext } from "@playwright/test";
import { E2E_BASE_URL } from "../server-env";

export interface OpenEventStream {
  status: number;
  contentType: string;
  /** Reads until `done(text so far)` is true or the stream ends; returns everything read. */
  readUntil(done: (text: string) => boolean): Promise<string>;
  close(): void;
}

/**
 * Opens a streaming GET with a context's cookies. Playwright's request API waits for the whole
 * body, which an event stream never finishes, so this goes through fetch and stops when told.
 */
export async function openEventStream(context: APIRequestContext, path: string): Promise<OpenEventStream> {
  const { cookies } = await context.storageState();
  const abort = new AbortController();
  const response = await fetch(`${E2E_BASE_URL}${path}`, {
    headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; "), accept: "text/event-stream" },
    signal: abort.signal,
  });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let text = "";
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    async readUntil(done) {
      while (reader && !done(text)) {
        const next = await reader.read();
        if (next.done) break;
        text += decoder.decode(next.value, { stream: true });
      }
      return text;
    },
    close() {
      abort.abort();
    },
  };
}
