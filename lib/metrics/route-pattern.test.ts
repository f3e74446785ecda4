import { describe, expect, it } from "vitest";
import { routePattern } from "./route-pattern";

describe("routePattern", () => {
  it("puts each dynamic segment's name back in place of its value", () => {
    expect(routePattern("/api/job-runs/5f0c/cancel", { id: "5f0c" })).toBe("/api/job-runs/{id}/cancel");
    expect(routePattern("/api/attachments/a%20b", { id: "a b" })).toBe("/api/attachments/{id}");
    expect(routePattern("/api/auth/callback/credentials", { nextauth: ["callback", "credentials"] })).toBe("/api/auth/{nextauth}/{nextauth}");
  });

  it("leaves a static route as it is", () => {
    expect(routePattern("/api/job-runs/stats")).toBe("/api/job-runs/stats");
    expect(routePattern("/api/job-runs/%E0%A4%A", { id: "other" })).toBe("/api/job-runs/%E0%A4%A");
  });
});
