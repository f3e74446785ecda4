import { describe, expect, it } from "vitest";
import { wantsPrettyLogs } from "./logger";

describe("the log format", () => {
  it("is pretty on a terminal and JSON elsewhere unless LOG_FORMAT forces one", () => {
    expect(wantsPrettyLogs("auto", true)).toBe(true);
    expect(wantsPrettyLogs("auto", false)).toBe(false);
    expect(wantsPrettyLogs("json", true)).toBe(false);
    expect(wantsPrettyLogs("pretty", false)).toBe(true);
  });
});
