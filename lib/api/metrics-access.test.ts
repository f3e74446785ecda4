import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import type { Access } from "../tenancy/resolve-access";
import { mayReadMetrics } from "./metrics-access";

const TOKEN = "metrics-token-metrics-token-0123456789";

function scrape(authorization?: string): Request {
  return new Request("http://app.test/api/metrics", { headers: authorization ? { authorization } : {} });
}

const signedInAs = (role: Access["role"]) => async () => ({ role }) as Access;
const anonymous = async (): Promise<Access> => {
  throw new AppError("unauthorized", "Sign in to continue");
};

describe("who may read the metrics", () => {
  it("lets the metrics token in without a session", async () => {
    expect(await mayReadMetrics(scrape(`Bearer ${TOKEN}`), { token: TOKEN, authenticate: anonymous })).toBe(true);
    expect(await mayReadMetrics(scrape(`bearer ${TOKEN}`), { token: TOKEN, authenticate: anonymous })).toBe(true);
  });

  it("refuses a wrong, truncated or extended token, and any token when none is configured", async () => {
    for (const shown of [`Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.toUpperCase()}`, TOKEN, `Basic ${TOKEN}`, "Bearer "]) {
      expect(await mayReadMetrics(scrape(shown), { token: TOKEN, authenticate: anonymous }), shown).toBe(false);
    }
    expect(await mayReadMetrics(scrape("Bearer undefined"), { token: undefined, authenticate: anonymous })).toBe(false);
  });

  it("lets a signed-in system admin in, and no business member or admin", async () => {
    expect(await mayReadMetrics(scrape(), { token: TOKEN, authenticate: signedInAs("system_admin") })).toBe(true);
    expect(await mayReadMetrics(scrape(), { token: undefined, authenticate: signedInAs("system_admin") })).toBe(true);
    expect(await mayReadMetrics(scrape(), { token: TOKEN, authenticate: signedInAs("admin") })).toBe(false);
    expect(await mayReadMetrics(scrape(`Bearer wrong`), { token: TOKEN, authenticate: signedInAs("member") })).toBe(false);
  });

  it("lets an unexpected failure of the session check through as an error, not a refusal", async () => {
    const broken = async (): Promise<Access> => {
      throw new Error("database down");
    };
    await expect(mayReadMetrics(scrape(), { token: TOKEN, authenticate: broken })).rejects.toThrow("database down");
  });
});
