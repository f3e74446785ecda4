import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { Prisma } from "@/lib/db/sql";
import { testDatabaseProvider } from "@/test-support/test-database-provider";
import { createBusiness } from "../../../test-support/fixtures";
import { useTempDatabase } from "../../../test-support/use-temp-database";
import { postgresDialect } from "./postgres-dialect";

/**
 * A claim must cost the same with 10 or 10,000 runs queued per business. A bulk enqueue gives
 * thousands of runs one run_at, and a claim that numbered runs while walking the queue index read
 * every one of them on each claim: the drain of a deep queue slowed from hundreds of runs a second
 * to tens. This reads PostgreSQL's executed plan of the claim.
 */

const QUEUED_PER_BUSINESS = 3_000;
const LIMIT = 16;
const QUEUE_INDEX = "job_runs_status_business_id_priority_run_at_idx";

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Relation Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

function* nodesOf(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodesOf(child);
}

async function executedPlan(limit: number, { analyze = true } = {}): Promise<PlanNode> {
  // With statistics, as autovacuum keeps them once a burst of inserts has settled.
  if (analyze) await getDb().$executeRaw(Prisma.sql`ANALYZE job_runs`);
  // EXPLAIN ANALYZE executes the claim; the runs it takes are not read again.
  const [explained] = await getDb().$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
    Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${postgresDialect.claimRuns({ workerId: "plan-reader", limit })}`,
  );
  return explained!["QUERY PLAN"][0].Plan;
}

async function enqueue(businessId: string, count: number, status = "queued"): Promise<void> {
  await getDb().$executeRaw(Prisma.sql`
    INSERT INTO job_runs (id, business_id, scope, job_type, status, params, run_at, created_at, updated_at)
    SELECT md5(random()::text || i::text), ${businessId}, 'tenant', 'test-noop', ${status}, '{}', now(), now(), now()
    FROM generate_series(1, ${count}) AS i`);
}

/** Every run row any step of the plan read, whichever index or scan it took, kept or filtered out. */
function runRowsRead(plan: PlanNode): number {
  return [...nodesOf(plan)]
    .filter((node) => node["Relation Name"] === "job_runs")
    .reduce((sum, node) => sum + ((node["Actual Rows"] ?? 0) + (node["Rows Removed by Filter"] ?? 0)) * (node["Actual Loops"] ?? 1), 0);
}

useTempDatabase();

// Each case reads the plan over its own queue, not over the runs an earlier case claimed.
afterEach(async () => {
  await getDb().$executeRaw(Prisma.sql`TRUNCATE job_runs CASCADE`);
});

describe.runIf(testDatabaseProvider() === "postgresql")("a claim among many businesses", () => {
  const BUSINESSES = 60;
  const SMALL_LIMIT = 4;

  it("reads about one run per business, and a batch's worth only from the businesses it can serve", async () => {
    for (let i = 0; i < BUSINESSES; i++) {
      const business = await createBusiness({ name: `Tenant ${i}` });
      await enqueue(business.id, SMALL_LIMIT + 2);
    }
    const plan = await executedPlan(SMALL_LIMIT);

    // Reading each business's first `limit` runs, or every queued run, is several times this.
    expect(runRowsRead(plan)).toBeLessThanOrEqual(2 * BUSINESSES);
  });
});

describe.runIf(testDatabaseProvider() === "postgresql")("a claim right after a burst that follows a quiet spell", () => {
  it("reads a batch's worth of runs while the statistics still say that none is queued", async () => {
    const business = await createBusiness({ name: "Quiet, then busy" });
    // The statistics autovacuum took while every run had finished.
    await enqueue(business.id, QUEUED_PER_BUSINESS, "succeeded");
    await getDb().$executeRaw(Prisma.sql`ANALYZE job_runs`);
    await enqueue(business.id, QUEUED_PER_BUSINESS);

    const plan = await executedPlan(LIMIT, { analyze: false });

    // Walking the queued runs for each run taken, or for the system queue's head, reads thousands.
    expect(runRowsRead(plan)).toBeLessThanOrEqual(8 * LIMIT);
  });
});

describe.runIf(testDatabaseProvider() === "postgresql")("a claim on a deep queue", () => {
  it(`reads at most ${LIMIT} queued runs per business, however many share one run_at`, async () => {
    for (const name of ["Bulk A", "Bulk B"]) {
      const business = await createBusiness({ name });
      await enqueue(business.id, QUEUED_PER_BUSINESS);
    }
    const plan = await executedPlan(LIMIT);

    const queueScans = [...nodesOf(plan)].filter((node) => node["Index Name"] === QUEUE_INDEX);
    expect(queueScans.length).toBeGreaterThan(0);
    for (const scan of queueScans) {
      // Actual Rows is the mean per loop; one loop per business.
      expect(scan["Actual Rows"], JSON.stringify({ ...scan, Plans: undefined })).toBeLessThanOrEqual(LIMIT);
    }
  });
});
