import { randomUUID } from "node:crypto";
import { prepared } from "../../db/postgres/prepared-statements";
import { Prisma } from "../../db/sql";
import { RUN_COLUMNS, toClaimedRun, type ClaimedRun, type RunRow } from "./claimed-run";
import { leaseAssignments, leaseInsertParts } from "./lease-columns";
import type { QueueConnection } from "./queue-connection";
import { startFactsSql, toStartFacts, type FactsRow } from "./start-facts";

/** Claims up to `limit` runs in the fair order (see the dialects) for this worker. */
export function claimRuns(queue: QueueConnection, { workerId, limit }: { workerId: string; limit: number }): Promise<ClaimedRun[]> {
  if (limit < 1) return Promise.resolve([]);
  return takeLeases(queue, queue.dialect.claimRuns({ workerId, limit }));
}

/** Claims one specific queued run whose time has come (the command line continuing its own run). */
export async function claimRunById(queue: QueueConnection, { runId, workerId }: { runId: string; workerId: string }): Promise<ClaimedRun | null> {
  const { dialect } = queue;
  const runs = await takeLeases(
    queue,
    Prisma.sql`
      UPDATE job_runs SET ${leaseAssignments({ dialect, workerId, claimSeq: dialect.nextClaimSeq })}
      WHERE id = ${runId} AND status = 'queued' AND run_at <= ${dialect.now}
      RETURNING ${RUN_COLUMNS}`,
  );
  return runs[0] ?? null;
}

export interface NewClaimedRun {
  businessId: string | null;
  scope: "tenant" | "system";
  jobType: string;
  params: unknown;
  maxAttempts: number;
  workerId: string;
  triggerSource: string;
  triggeredByUserId: string | null;
}

/** Creates a run that is already claimed by `workerId`, so no other worker can take it first. */
export async function insertClaimedRun(queue: QueueConnection, input: NewClaimedRun): Promise<ClaimedRun> {
  const { dialect } = queue;
  const lease = leaseInsertParts({ dialect, workerId: input.workerId, claimSeq: dialect.nextClaimSeq });
  const [run] = await takeLeases(
    queue,
    Prisma.sql`
      INSERT INTO job_runs (
        id, business_id, scope, job_type, params, attempt, max_attempts, priority, run_at,
        tags, triggered_by_user_id, trigger_source, created_at, ${lease.columns}
      ) VALUES (
        ${randomUUID()}, ${input.businessId}, ${input.scope}, ${input.jobType}, ${JSON.stringify(input.params)},
        1, ${input.maxAttempts}, 0, ${dialect.now}, '', ${input.triggeredByUserId}, ${input.triggerSource}, ${dialect.now}, ${lease.values}
      )
      RETURNING ${RUN_COLUMNS}`,
  );
  if (!run) throw new Error("The run could not be created");
  return run;
}

/**
 * Runs a statement that leases runs (returning RUN_COLUMNS) together with the insert of their
 * attempt rows, all or nothing: a worker killed in between must not leave a running run without
 * the attempt that says who runs it. PostgreSQL writes both in one statement (data-modifying
 * CTEs); on SQLite a trigger on job_runs writes the attempt within the leasing statement itself
 * (migration attempt_row_with_lease), since a transaction there would hold the only write lock
 * across two round trips. PostgreSQL also reads the start checks' facts in the same statement, so
 * a run's handler starts without another round trip.
 */
async function takeLeases({ db, dialect }: QueueConnection, leasing: Prisma.Sql): Promise<ClaimedRun[]> {
  if (dialect.name === "sqlite") return (await db.$queryRaw<RunRow[]>(leasing)).map(toClaimedRun);
  const facts = startFactsSql(Prisma.raw("leased"));
  const rows = await db.$queryRaw<(RunRow & FactsRow)[]>(prepared(Prisma.sql`
    WITH leased AS (${leasing}),
    attempts AS (
      INSERT INTO job_run_attempts (id, run_id, business_id, attempt, worker_id, lease_id, status, started_at)
      SELECT gen_random_uuid()::text, id, business_id, attempt, locked_by, lease_id, 'running', started_at FROM leased
    )
    SELECT leased.*, ${facts.columns} FROM leased ${facts.joins}`));
  return rows.map((row) => ({ ...toClaimedRun(row), startFacts: toStartFacts(row) }));
}
