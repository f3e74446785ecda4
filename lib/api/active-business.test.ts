import { describe, expect, it } from "vitest";
import { activeBusinessFromCookieHeader, readActiveBusinessCookie } from "./active-business";

const withCookie = (cookie: string) => new Request("http://localhost/api/me", { headers: { cookie } });

describe("readActiveBusinessCookie", () => {
  it("reads the chosen business among other cookies", () => {
    expect(readActiveBusinessCookie(withCookie("a=1; automation-business=biz%2D1; b=2"))).toBe("biz-1");
  });

  it("treats a malformed percent-encoding like a missing cookie", () => {
    for (const value of ["%E0%A4%A", "%", "%ZZ"]) {
      expect(readActiveBusinessCookie(withCookie(`automation-business=${value}`))).toBeNull();
    }
  });

  it("takes the first of two cookies of that name, for pages and route handlers alike", () => {
    const header = "automation-business=first; automation-business=second";
    expect(readActiveBusinessCookie(withCookie(header))).toBe("first");
    expect(activeBusinessFromCookieHeader(header)).toBe("first");
  });
});
