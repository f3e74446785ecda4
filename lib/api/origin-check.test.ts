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
});
