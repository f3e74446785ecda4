import { expect, it } from "vitest";
import { testDatabaseProvider } from "../../test-support/test-database-provider";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { getDb } from "./client";
import { inAccess } from "./database-access";
import { Prisma } from "./sql";

useTempDatabase();

/**
 * Each index of job_runs costs every state change of every run a write: a new one has to name the
 * query it serves, here and in the migration that adds it. Besides these, the table has its
 * primary key (id) and the unique idempotency key.
 */
const RUN_INDEXES: Record<string, string> = {
  job_runs_business_id_created_at_id_status_job_type_started__idx: "a business's list, newest first, with its filters read from the index",
  job_runs_created_at_id_status_job_type_started_at_finished__idx: "the all-business list, newest first, and the partial first hour of statistics",
  job_runs_business_id_finished_at_id_idx: "a business's recently finished runs",
  job_runs_finished_at_id_idx: "recently finished runs of all businesses, and retention",
  job_runs_status_run_at_idx: "active runs by due time, and the rescue of running runs",
  job_runs_status_business_id_priority_run_at_idx: "the claim's walk of each business's queue head; a business's queued and running counts",
  job_runs_claim_seq_idx: "the next claim order on SQLite",
  job_runs_business_id_claim_seq_idx: "each business's latest claim, for the fair choice",
  job_runs_parent_run_id_idx: "the runs a schedule fanned out",
};

const SQLITE_NAMES: Record<string, string> = {
  // SQLite keeps Prisma's full names; PostgreSQL truncates them to 63 bytes.
  job_runs_business_id_created_at_id_status_job_type_started_at_finished_at_idx: "job_runs_business_id_created_at_id_status_job_type_started__idx",
  job_runs_created_at_id_status_job_type_started_at_finished_at_idx: "job_runs_created_at_id_status_job_type_started_at_finished__idx",
};

async function runIndexNames(): Promise<string[]> {
  const query =
    testDatabaseProvider() === "sqlite"
      ? Prisma.sql`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'job_runs' AND name LIKE 'job_runs%idx'`
      : Prisma.sql`SELECT indexname AS name FROM pg_indexes WHERE tablename = 'job_runs' AND indexname LIKE 'job_runs%idx'`;
  const rows = await inAccess({ kind: "all", reason: "reading the schema" }, () => getDb().$queryRaw<{ name: string }[]>(query));
  return rows.map((row) => SQLITE_NAMES[row.name] ?? row.name).sort();
}

it("job_runs carries only the indexes a query needs", async () => {
  expect(await runIndexNames()).toEqual(Object.keys(RUN_INDEXES).sort());
});
