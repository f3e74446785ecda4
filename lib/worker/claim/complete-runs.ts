import { prepared } from "../../db/postgres/prepared-statements";
import { Prisma } from "../../db/sql";
import { inQueueTransaction } from "./queue-access";
import type { QueueConnection } from "./queue-connection";
import type { Lease, LogLine } from "./queue-types";
import { insertLogsSql, insertSettleLogsSql } from "./run-logs";
import { changeRunThenAttempt, completeRunSql } from "./settle";

export type Completion = Lease & { result: string | null; logs?: LogLine[]; logsIfSettled?: LogLine[] };

/**
 * Marks a batch of runs succeeded and closes their attempts, each row fenced on its own lease, and
 * answers the leases that were settled here; a lease missing from the answer was lost meanwhile.
 * The same rule as completing one run, in one round trip for the whole batch: the per-run cost of
 * a statement (and of the rollups' statement triggers) is paid once per batch.
 */
export async function completeRuns(queue: QueueConnection, completions: Completion[]): Promise<Set<string>> {
  if (completions.length === 0) return new Set();
  if (queue.dialect.name === "postgresql") return completeInOneStatement(queue, completions);
  return completeInOneTransaction(queue, completions);
}

async function completeInOneStatement({ db, dialect }: QueueConnection, completions: Completion[]): Promise<Set<string>> {
  const { now } = dialect;
  const logs = completions.flatMap((completion) => completion.logs ?? []);
  const logsIfSettled = completions.flatMap((completion) => completion.logsIfSettled ?? []);
  // Lists travel as arrays, so the statement's text is the same for any batch and is prepared once.
  const column = <T>(pick: (completion: Completion) => T) => completions.map(pick);
  const rows = await db.$queryRaw<{ lease_id: string }[]>(prepared(Prisma.sql`
    WITH input AS (
      SELECT * FROM unnest(
        CAST(${column((c) => c.runId)} AS TEXT[]), CAST(${column((c) => c.leaseId)} AS TEXT[]), CAST(${column((c) => c.result)} AS TEXT[])
      ) AS i (run_id, lease_id, result)
    ),
    -- Locked in id order, as the heartbeat locks them: two statements that lock many of the same
    -- rows in different orders can deadlock.
    held AS (
      SELECT job_runs.id, input.lease_id, input.result FROM job_runs JOIN input ON job_runs.id = input.run_id
      WHERE job_runs.status = 'running' AND job_runs.lease_id = input.lease_id
      ORDER BY job_runs.id
      FOR UPDATE OF job_runs
    ),
    changed AS (
      UPDATE job_runs SET
        status = 'succeeded', result = CAST(held.result AS JSONB), progress = 1, error_message = NULL, error_stack = NULL,
        finished_at = ${now}, heartbeat_at = ${now}, locked_by = NULL, lease_id = NULL, updated_at = ${now}
      FROM held
      WHERE job_runs.id = held.id AND job_runs.status = 'running' AND job_runs.lease_id = held.lease_id
      RETURNING job_runs.id, held.lease_id
    ),
    closed AS (
      UPDATE job_run_attempts SET status = 'succeeded', finished_at = ${now}, error_message = NULL, error_stack = NULL
      FROM changed
      WHERE job_run_attempts.run_id = changed.id AND job_run_attempts.lease_id = changed.lease_id AND job_run_attempts.status = 'running'
    ),
    logs AS (${insertSettleLogsSql(dialect, { logs, logsIfSettled, settled: Prisma.sql`v.run_id IN (SELECT id FROM changed)` })})
    SELECT lease_id FROM changed`));
  return new Set(rows.map((row) => row.lease_id));
}

/** SQLite: the single-run statements in one transaction, so the batch costs one commit. */
function completeInOneTransaction({ raw, dialect }: QueueConnection, completions: Completion[]): Promise<Set<string>> {
  return inQueueTransaction(raw, async (tx) => {
    const settled = new Set<string>();
    const lines: LogLine[] = [];
    for (const { runId, leaseId, result, logs = [], logsIfSettled = [] } of completions) {
      const changed = await changeRunThenAttempt(tx, dialect, completeRunSql(dialect, { runId, leaseId, result }), { runId, leaseId, status: "succeeded" });
      if (changed) settled.add(leaseId);
      lines.push(...logs, ...(changed ? logsIfSettled : []));
    }
    if (lines.length > 0) await tx.$executeRaw(insertLogsSql(dialect, lines));
    return settled;
  });
}

