import { describe, expect, it } from "vitest";
import { JobRunListQuery } from "./schemas";

describe("the tag filter of a run list", () => {
  it("takes one tag or several, each once, from a comma list (a repeated tag arrives as one)", () => {
    expect(JobRunListQuery.parse({ tag: "nightly" }).tag).toEqual(["nightly"]);
    expect(JobRunListQuery.parse({ tag: "manual, priority,manual" }).tag).toEqual(["manual", "priority"]);
  });

  it("refuses an empty tag in the list and characters a tag cannot have", () => {
    for (const tag of ["manual,,priority", ",", "night ly", "a%b", Array.from({ length: 11 }, (_, index) => `t${index}`).join(",")]) {
      expect(JobRunListQuery.safeParse({ tag }).success, tag).toBe(false);
    }
  });
});
