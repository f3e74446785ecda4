import { describe, expect, it } from "vitest";
import { mergeResults, parseSections } from "./results-file";

const ORDER = ["worker", "api", "memory"];

describe("benchmark results file", () => {
  it("keeps sections measured earlier and replaces the ones measured again", () => {
    const first = mergeResults({
      header: ["# Benchmarks"],
      fresh: [
        { command: "memory", lines: ["## Memory", "old memory"] },
        { command: "worker", lines: ["## Worker", "| 1 | 2 |"] },
      ],
      order: ORDER,
    });
    const second = mergeResults({ header: ["# Benchmarks, again"], existing: first, fresh: [{ command: "memory", lines: ["## Memory", "new memory"] }], order: ORDER });

    expect(second.startsWith("# Benchmarks, again\n")).toBe(true);
    const sections = parseSections(second);
    expect([...sections.keys()]).toEqual(["worker", "memory"]);
    expect(sections.get("worker")).toEqual(["## Worker", "| 1 | 2 |"]);
    expect(sections.get("memory")).toEqual(["## Memory", "new memory"]);
    expect(second).not.toContain("old memory");
  });

  it("orders sections as the commands run, whatever order they were measured in", () => {
    const file = mergeResults({
      header: ["# B"],
      fresh: [
        { command: "memory", lines: ["m"] },
        { command: "api", lines: ["a"] },
      ],
      order: ORDER,
    });
    expect(file.indexOf("bench:api")).toBeLessThan(file.indexOf("bench:memory"));
  });
});
