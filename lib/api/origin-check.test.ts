import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "./origin-check";

const post = (headers: Record<string, string>) => new Request("http://app.test/api/job-runs", { method: "POST", headers });

describe("assertSameOrigin", () => {
  it("accepts the app's own origin and clients that send none", () => {
    expect(() => assertSameOrigin(post({ host: "app.test", origin: "http://app.test" }))).not.toThrow();
    expect(() => assertSameOrigin(post({ host: "app.test" }))).not.toThrow();
    expect(() => assertSameOrigin(post({ host: "app.test", "sec-fetch-site": "same-origin" }))).not.toThrow();
  });

  it("refuses other origins and cross-site fetches", () => {
    expect(() => assertSameOrigin(post({ host: "app.test", origin: "https://evil.test" }))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(post({ host: "app.test", origin: "http://app.test.evil.test" }))).toThrow();
    expect(() => assertSameOrigin(post({ host: "app.test", "sec-fetch-site": "cross-site" }))).toThrow();
    expect(() => assertSameOrigin(post({ host: "app.test", "sec-fetch-site": "same-site" }))).toThrow();
  });

  it("ignores X-Forwarded-Host and -Proto unless a proxy is trusted", () => {
    const forged = { host: "app.test", origin: "https://evil.test", "x-forwarded-host": "evil.test", "x-forwarded-proto": "https" };
    expect(() => assertSameOrigin(post(forged), { trustProxy: 0 })).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(post({ ...forged, origin: "http://app.test" }), { trustProxy: 0 })).not.toThrow();
  });

  it("takes the host and protocol a trusted proxy forwarded, not what the client put left of it", () => {
    const proxied = { host: "10.0.0.5:3000", "x-forwarded-host": "evil.test, app.example", "x-forwarded-proto": "http, https" };
    expect(() => assertSameOrigin(post({ ...proxied, origin: "https://app.example" }), { trustProxy: 1 })).not.toThrow();
    expect(() => assertSameOrigin(post({ ...proxied, origin: "https://evil.test" }), { trustProxy: 1 })).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(post({ ...proxied, origin: "http://app.example" }), { trustProxy: 1 })).toThrow(/Cross-site/);
  });
});
