import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { withDatabaseAccess } from "@/lib/db/database-access";
import { useTempDatabase } from "@/test-support/use-temp-database";
import { BusinessLabels, LABEL_REFRESH_MS, NO_BUSINESS, OTHER_BUSINESSES } from "./business-labels";
import { metricsRegistry } from "./registry";
import { countSettledRun } from "./worker-metrics";

useTempDatabase();

const BUSINESSES = 500;
const TOP = 20;
const NAMED = ["quiet-0499"];
const JOB_TYPES = ["sync-calendar", "send-digest"];
const OUTCOMES = ["succeeded", "failed"] as const;

/**
 * Every business has a run; the last thirty have more, each one more than the one before. All were
 * created an hour before the current refresh period began.
 */
async function seedBusinessesWithActivity(): Promise<{ id: string; slug: string; runs: number }[]> {
  const businesses = Array.from({ length: BUSINESSES }, (_, i) => ({
    id: crypto.randomUUID(),
    name: `Busy ${i}`,
    // The least active business is named; the most active ones have the highest numbers.
    slug: i === 0 ? "quiet-0499" : `busy-${String(i).padStart(4, "0")}`,
    runs: i < BUSINESSES - 30 ? 1 : i - (BUSINESSES - 30) + 2,
  }));
  const periodStart = Date.now() - (Date.now() % LABEL_REFRESH_MS);
  const createdAt = new Date(periodStart - 3_600_000);
  await withDatabaseAccess({ kind: "all", reason: "test seed" }, async () => {
    const db = getDb();
    await db.business.createMany({ data: businesses.map(({ id, name, slug }) => ({ id, name, slug })) });
    await db.jobRun.createMany({
      data: businesses.flatMap((business) =>
        Array.from({ length: business.runs }, () => ({
          businessId: business.id,
          scope: "tenant",
          jobType: "sync-calendar",
          params: {},
          triggerSource: "api",
          status: "succeeded",
          createdAt,
        })),
      ),
    });
  });
  return businesses;
}

function seriesOf(body: string, name: string): Record<string, string>[] {
  const family = parsePrometheusTextFormat(body).find((candidate) => candidate.name === name);
  return (family?.metrics ?? []).map((sample) => sample.labels ?? {});
}

describe("the business label of the worker metrics", () => {
  it("names only the configured and the most active businesses, the same in every process, and keeps the series count bounded", async () => {
    const businesses = await seedBusinessesWithActivity();
    const rule = { named: NAMED, top: TOP };
    const labels = new BusinessLabels(rule);
    const anotherProcess = new BusinessLabels(rule);
    await labels.refresh();
    await anotherProcess.refresh();

    const mostActive = [...businesses].sort((a, b) => b.runs - a.runs).slice(0, TOP);
    const expected = new Set([...mostActive.map((business) => business.slug), ...NAMED]);
    for (const business of businesses) {
      const label = labels.labelOf(business.id);
      expect(label).toBe(expected.has(business.slug) ? business.slug : OTHER_BUSINESSES);
      expect(anotherProcess.labelOf(business.id)).toBe(label);
    }
    expect(labels.labelOf(null)).toBe(NO_BUSINESS);

    for (const business of businesses) {
      for (const jobType of JOB_TYPES) {
        for (const outcome of OUTCOMES) countSettledRun({ jobType, outcome, business: labels.labelOf(business.id), seconds: 0.1 });
      }
    }
    const series = seriesOf(await metricsRegistry().metrics(), "automation_worker_runs_finished_total");
    const businessValues = new Set(series.map((labelSet) => labelSet.business));
    expect(businessValues).toEqual(new Set([...expected, OTHER_BUSINESSES]));
    // 21 labelled businesses and `other`, not 500.
    expect(series.length).toBeLessThanOrEqual((TOP + NAMED.length + 1) * JOB_TYPES.length * OUTCOMES.length);
    expect(series.length).toBeGreaterThan(0);
  });
});
