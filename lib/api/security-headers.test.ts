import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, isWellFormedPath, securityHeaders, servesHttps } from "./security-headers";

describe("security headers", () => {
  it("add HSTS and upgrade-insecure-requests only when the public origin is https", () => {
    expect(servesHttps("https://automation.example")).toBe(true);
    expect(servesHttps("http://localhost:3000")).toBe(false);
    expect(servesHttps(undefined)).toBe(false);
    expect(securityHeaders({ https: true })["strict-transport-security"]).toMatch(/^max-age=\d{8,}/);
    expect(securityHeaders({ https: false })).not.toHaveProperty("strict-transport-security");
    expect(contentSecurityPolicy({ nonce: "n", https: true, development: false })).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "n", https: false, development: false })).not.toContain("upgrade-insecure-requests");
  });

  it("allow eval only in development", () => {
    expect(contentSecurityPolicy({ nonce: "n", https: false, development: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ nonce: "n", https: false, development: false })).not.toContain("'unsafe-eval'");
  });

  it("tell malformed percent-encodings from well-formed ones", () => {
    for (const path of ["/api/job-runs/%E0%A4%A", "/api/job-runs/%", "/api/attachments/%ZZ"]) expect(isWellFormedPath(path)).toBe(false);
    for (const path of ["/api/job-runs/%E0%A4%A4", "/automation/runs/abc", "/a%20b"]) expect(isWellFormedPath(path)).toBe(true);
  });
});
