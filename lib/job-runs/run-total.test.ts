import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { seededRandom } from "../demo-data/random";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { ALL_BUSINESSES, businessScope, type Scope } from "../tenancy/scope";
import { listJobRuns, TOTAL_COUNT_CAP } from "./list-service";
import type { JobRunFilters } from "./schemas";

/**
 * The list's total against a brute-force count where sets lie on both sides of the cap: a tag
 * carried by more runs than the cap in one business and by a few in another, so a count that
 * started from the tag rows without the scope, or walked past the cap, would be seen.
 */

const NOW = Date.UTC(2026, 10, 23, 15, 0);
const RUNS_IN_BIG = TOTAL_COUNT_CAP + 300;
useTempDatabase();

interface Row {
  businessId: string;
  status: string;
  tags: string[];
}
const rows: Row[] = [];
let big: string;
let small: string;

beforeAll(async () => {
  const db = getDb();
  big = (await db.business.create({ data: { name: "Big", slug: "big" } })).id;
  small = (await db.business.create({ data: { name: "Small", slug: "small" } })).id;
  const random = seededRandom(20261130);
  const data = [...Array.from({ length: RUNS_IN_BIG }, () => big), ...Array.from({ length: 40 }, () => small)].map((businessId, index) => {
    // Every big-business run but a few carries "bulk"; "rare" only a handful in each business.
    const tags = [...(businessId === small || index % 50 !== 0 ? ["bulk"] : []), ...(random.next() < 0.05 ? ["rare"] : [])];
    const status = random.pick(["succeeded", "failed"]);
    rows.push({ businessId, status, tags });
    const createdAt = new Date(NOW - index * 60_000);
    return { id: random.uuid(), businessId, jobType: "sync-calendar", params: {}, status, tags: tags.join(","), createdAt, runAt: createdAt };
  });
  await db.jobRun.createMany({ data });
}, 120_000);

const CASES: { label: string; scope: () => Scope; filters: () => JobRunFilters; keep: (row: Row) => boolean }[] = [
  { label: "all of a business", scope: () => businessScope(big), filters: () => ({}), keep: (row) => row.businessId === big },
  { label: "a common tag in a business", scope: () => businessScope(big), filters: () => ({ tag: ["bulk"] }), keep: (row) => row.businessId === big && row.tags.includes("bulk") },
  { label: "a common tag in the small business", scope: () => businessScope(small), filters: () => ({ tag: ["bulk"] }), keep: (row) => row.businessId === small },
  { label: "a tag and a status", scope: () => businessScope(big), filters: () => ({ tag: ["bulk"], status: ["failed"] }), keep: (row) => row.businessId === big && row.tags.includes("bulk") && row.status === "failed" },
  { label: "two tags", scope: () => ALL_BUSINESSES, filters: () => ({ tag: ["rare", "bulk"] }), keep: (row) => row.tags.includes("rare") && row.tags.includes("bulk") },
  { label: "a tag, system admin, one business", scope: () => ALL_BUSINESSES, filters: () => ({ tag: ["bulk"], businessId: small }), keep: (row) => row.businessId === small && row.tags.includes("bulk") },
  { label: "a tag and a search", scope: () => businessScope(small), filters: () => ({ tag: ["bulk"], q: "calendar" }), keep: (row) => row.businessId === small },
];

describe("the list's total", () => {
  it("covers sets on both sides of the cap", () => {
    const sizes = CASES.map(({ keep }) => rows.filter(keep).length);
    expect(sizes.some((size) => size > TOTAL_COUNT_CAP)).toBe(true);
    expect(sizes.some((size) => size > 0 && size <= TOTAL_COUNT_CAP)).toBe(true);
  });

  it.each(CASES)("counts $label exactly up to the cap and says when there are more", async ({ scope, filters, keep }) => {
    const expected = rows.filter(keep).length;
    for (const order of ["newest", "oldest"] as const) {
      const { total } = await listJobRuns({ scope: scope(), filters: filters(), limit: 10, order });
      expect(total, order).toEqual(expected > TOTAL_COUNT_CAP ? { count: TOTAL_COUNT_CAP, atLeast: true } : { count: expected, atLeast: false });
    }
  });
});
