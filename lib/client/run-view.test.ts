import { describe, expect, it } from "vitest";
import { countListFilters, dateRangeError, readRunView, toListFilters, writeRunView } from "./run-view";

describe("run view in the URL", () => {
  it("reads what it writes", () => {
    const query = "status=running,failed&type=sync-calendar&tag=nightly&from=2026-11-01&to=2026-11-20&q=abc&business=orphan&window=7d&order=oldest";
    const view = readRunView(new URLSearchParams(query));
    expect(view).toEqual({
      statuses: ["running", "failed"],
      jobType: "sync-calendar",
      tag: "nightly",
      from: "2026-11-01",
      to: "2026-11-20",
      q: "abc",
      business: "orphan",
      window: "7d",
      order: "oldest",
    });
    expect(readRunView(new URLSearchParams(writeRunView(view)))).toEqual(view);
  });

  it("drops values it does not know instead of failing", () => {
    const view = readRunView(new URLSearchParams("status=bogus,queued&from=yesterday&window=1y"));
    expect(view.statuses).toEqual(["queued"]);
    expect(view.from).toBe("");
    expect(view.window).toBe("24h");
    expect(writeRunView(view)).toBe("status=queued");
  });

  it("turns days into the start and end of the local day", () => {
    const filters = toListFilters(readRunView(new URLSearchParams("from=2026-11-01&to=2026-11-01")), { canFilterBusiness: false });
    expect(new Date(filters.from!).getTime()).toBe(new Date(2026, 10, 1).getTime());
    expect(new Date(filters.to!).getTime()).toBe(new Date(2026, 10, 2).getTime() - 1);
  });

  it("only sends a business filter for those allowed to use it", () => {
    const view = readRunView(new URLSearchParams("business=system"));
    expect(toListFilters(view, { canFilterBusiness: false }).businessId).toBeUndefined();
    expect(toListFilters(view, { canFilterBusiness: true }).businessId).toBe("system");
  });

  it("keeps newest first out of the URL and out of the API query, as the default", () => {
    const newest = readRunView(new URLSearchParams("order=sideways"));
    expect(newest.order).toBe("newest");
    expect(writeRunView(newest)).toBe("");
    expect(toListFilters(newest, { canFilterBusiness: false })).toEqual({});
    expect(toListFilters(readRunView(new URLSearchParams("order=oldest")), { canFilterBusiness: false })).toEqual({ order: "oldest" });
  });

  it("counts the filters that are set, a date range once", () => {
    expect(countListFilters(readRunView(new URLSearchParams("")))).toBe(0);
    expect(countListFilters(readRunView(new URLSearchParams("status=failed&from=2026-11-01&to=2026-11-02&order=oldest&window=7d")))).toBe(2);
  });

  it("flags a start date after the end date", () => {
    expect(dateRangeError({ from: "2026-11-02", to: "2026-11-01" })).toMatch(/after/);
    expect(dateRangeError({ from: "2026-11-01", to: "2026-11-01" })).toBeNull();
  });
});
