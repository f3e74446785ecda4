import { describe, expect, it } from "vitest";
import { cleanListQuery, listPageHref, runPageHref } from "./list-query";

describe("list query carried by run pages", () => {
  it("takes a list's filters to the run page and back", () => {
    const href = runPageHref("run_1", "status=failed&type=sync-calendar");
    expect(href).toBe("/automation/runs/run_1?list=status%3Dfailed%26type%3Dsync-calendar");
    const list = new URL(href, "http://x").searchParams.get("list");
    expect(listPageHref(list!)).toBe("/automation?status=failed&type=sync-calendar");
  });

  it("keeps plain links plain and drops parameters the list does not know", () => {
    expect(runPageHref("run_1", "")).toBe("/automation/runs/run_1");
    expect(cleanListQuery("next=https://evil.example&status=bogus")).toBe("");
    expect(listPageHref("")).toBe("/automation");
  });
});
