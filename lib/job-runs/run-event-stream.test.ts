import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ALL_BUSINESSES, businessScope, type Scope } from "../tenancy/scope";
import type { RunChangeSubscriber } from "./run-change-feed";
import { runEventStream } from "./run-event-stream";

function openStream(scope: Scope, stillAllowed: () => Promise<boolean> = async () => true) {
  const subscribers = new Set<RunChangeSubscriber>();
  const abort = new AbortController();
  const stream = runEventStream({
    scope,
    stillAllowed,
    signal: abort.signal,
    heartbeatMs: 1_000,
    recheckMs: 5_000,
    subscribe: (subscriber) => {
      subscribers.add(subscriber);
      return () => subscribers.delete(subscriber);
    },
  });
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const drain = async () => {
    for (;;) {
      const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 0))]);
      if (!next || next.done) return next?.done ?? false;
      text += decoder.decode(next.value);
    }
  };
  return { subscribers, abort, reader, drain, text: () => text };
}

const acmeRun = { id: "r1", businessId: "acme", status: "queued" as const };
const birchRun = { id: "r2", businessId: "birch", status: "queued" as const };
const systemRun = { id: "r3", businessId: null, status: "failed" as const };

describe("the run event stream", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] }));
  afterEach(() => vi.useRealTimers());

  it("sends a business only its own runs' changes", async () => {
    const stream = openStream(businessScope("acme"));
    for (const subscriber of stream.subscribers) for (const run of [acmeRun, birchRun, systemRun]) subscriber.onChange(run);
    await stream.drain();
    expect(stream.text()).toContain(`event: run\ndata: ${JSON.stringify(acmeRun)}\n\n`);
    expect(stream.text()).not.toContain("r2");
    expect(stream.text()).not.toContain("r3");
  });

  it("sends a system admin every change, system runs included", async () => {
    const stream = openStream(ALL_BUSINESSES);
    for (const subscriber of stream.subscribers) for (const run of [acmeRun, birchRun, systemRun]) subscriber.onChange(run);
    await stream.drain();
    for (const id of ["r1", "r2", "r3"]) expect(stream.text()).toContain(`"id":"${id}"`);
  });

  it("keeps the connection open with heartbeats and says when the database is lost and back", async () => {
    const stream = openStream(ALL_BUSINESSES);
    vi.advanceTimersByTime(1_000);
    for (const subscriber of stream.subscribers) subscriber.onConnectionChange(false);
    for (const subscriber of stream.subscribers) subscriber.onConnectionChange(true);
    await stream.drain();
    expect(stream.text()).toContain(": heartbeat\n\n");
    expect(stream.text().indexOf("event: paused")).toBeLessThan(stream.text().indexOf("event: resync"));
  });

  it("closes, and stops listening, once the caller's access is lost", async () => {
    let allowed = true;
    const stream = openStream(businessScope("acme"), async () => allowed);
    vi.advanceTimersByTime(5_000);
    await stream.drain();
    expect(stream.text()).not.toContain("event: closed");
    expect(stream.subscribers.size).toBe(1);

    allowed = false;
    vi.advanceTimersByTime(5_000);
    expect(await stream.drain()).toBe(true);
    expect(stream.text()).toContain("event: closed");
    expect(stream.subscribers.size).toBe(0);
  });

  it("stops listening when the client goes away", async () => {
    const stream = openStream(businessScope("acme"));
    expect(stream.subscribers.size).toBe(1);
    stream.abort.abort();
    expect(stream.subscribers.size).toBe(0);
  });
});
