import { describe, expect, it } from "vitest";
import { callbackPathFor, DEFAULT_CALLBACK_PATH } from "./callback-target";

// Where a browser on the app's origin ends up after `location.assign(path)`.
const landing = (path: string) => new URL(path, "https://automation.test").origin;

describe("callbackPathFor", () => {
  it.each([
    "/\\evil.example/phish",
    "/\t/evil.example",
    "/\\\\evil.example",
    "\\\\evil.example",
    "//evil.example",
    "/\n/evil.example",
    " //evil.example",
    "/.//evil.example",
    "https://evil.example/automation",
    "javascript:alert(1)",
    "",
  ])("sends %j to the default page, never off the origin", (target) => {
    const path = callbackPathFor(target);
    expect(path).toBe(DEFAULT_CALLBACK_PATH);
    expect(landing(path)).toBe("https://automation.test");
  });

  it("falls back to the default page when there is no target", () => {
    expect(callbackPathFor(undefined)).toBe(DEFAULT_CALLBACK_PATH);
  });

  it.each([
    ["/automation?status=failed", "/automation?status=failed"],
    ["/automation/runs/abc#logs", "/automation/runs/abc#logs"],
    ["/automation/../automation/runs", "/automation/runs"],
    // A bare name is a path on this origin, as the browser would read it.
    ["evil.example", "/evil.example"],
  ])("keeps the same-origin path %j", (target, expected) => {
    expect(callbackPathFor(target)).toBe(expected);
  });
});
