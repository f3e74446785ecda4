import type { Scope } from "../tenancy/scope";
import { scopeSeesRunChange, type RunChangeEvent } from "./run-change-event";
import type { RunChangeSubscriber } from "./run-change-feed";

export interface RunEventStreamOptions {
  scope: Scope;
  /** Re-reads the caller's access; false once they may no longer see this scope. */
  stillAllowed: () => Promise<boolean>;
  subscribe: (subscriber: RunChangeSubscriber) => () => void;
  /** Ends the stream when the client goes away. */
  signal: AbortSignal;
  heartbeatMs?: number;
  recheckMs?: number;
}

const encoder = new TextEncoder();

/** One Server-Sent Events message; `data` is JSON on a single line. */
function message(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * The run changes one caller may see, as Server-Sent Events:
 * - `run` `{ id, businessId, status }` for each change in the caller's scope;
 * - `paused` when the database connection is lost (the page polls meanwhile), `resync` when it is
 *   back (changes in between were missed, so the page refreshes everything);
 * - `closed` `{ reason }` just before the server ends the stream because access was lost.
 * Comment lines every `heartbeatMs` keep proxies from closing an idle connection.
 */
export function runEventStream({
  scope,
  stillAllowed,
  subscribe,
  signal,
  heartbeatMs = 15_000,
  recheckMs = 30_000,
}: RunEventStreamOptions): ReadableStream<Uint8Array> {
  let finish = () => undefined as void;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let done = false;
      const send = (chunk: Uint8Array) => {
        if (done) return;
        try {
          controller.enqueue(chunk);
        } catch {
          finish();
        }
      };
      const subscriber: RunChangeSubscriber = {
        onChange: (event: RunChangeEvent) => {
          if (scopeSeesRunChange(scope, event)) send(message("run", event));
        },
        onConnectionChange: (listening) => send(listening ? message("resync", {}) : message("paused", {})),
      };
      const unsubscribe = subscribe(subscriber);
      const heartbeat = setInterval(() => send(encoder.encode(": heartbeat\n\n")), heartbeatMs);
      let checking = false;
      const recheck = setInterval(() => {
        if (checking) return;
        checking = true;
        stillAllowed()
          .catch(() => false)
          .then((allowed) => {
            checking = false;
            if (allowed || done) return;
            send(message("closed", { reason: "Your access to these runs has changed" }));
            finish();
            try {
              controller.close();
            } catch {
              // Already closed by the client.
            }
          });
      }, recheckMs);
      finish = () => {
        if (done) return;
        done = true;
        clearInterval(heartbeat);
        clearInterval(recheck);
        unsubscribe();
        signal.removeEventListener("abort", finish);
      };
      signal.addEventListener("abort", finish);
      // Tells the browser to wait a little before reconnecting, and flushes the headers now.
      send(encoder.encode("retry: 3000\n: connected\n\n"));
    },
    cancel() {
      finish();
    },
  });
}
