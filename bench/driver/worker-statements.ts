import type { RunQueue } from "../../lib/worker/claim";
import type { BenchAdmin } from "../bench-database";
import type { CallerStatement } from "./concurrent-callers";

/** Runs one claim takes, and leases one heartbeat refreshes: a worker running 16 at once. */
export const BATCH = 16;

export interface WorkerStatement {
  name: string;
  /**
   * Empties the queue and fills it for `calls` calls by each of `callers` callers, then returns the
   * call: the statement as the worker issues it, through `queue`.
   */
  arrange(input: { admin: BenchAdmin; businessIds: string[]; callers: number; calls: number }): Promise<(queue: RunQueue) => CallerStatement>;
}

const workerId = (caller: number) => `bench-driver-${caller}`;

export const claimStatement: WorkerStatement = {
  name: `claim (limit ${BATCH})`,
  async arrange({ admin, businessIds, callers, calls }) {
    // Enough for every claim to fill its batch, so the queue never runs dry mid-measurement.
    await refill(admin, () =>
      admin.query(
        `INSERT INTO job_runs (id, business_id, scope, job_type, params, max_attempts, updated_at, created_at, run_at)
         SELECT gen_random_uuid()::text, ($2::text[])[1 + i % array_length($2::text[], 1)], 'tenant', 'bench-work', '{"ms":0}', 1, now(), now(), now()
         FROM generate_series(0, $1 - 1) AS i`,
        [callers * calls * BATCH, businessIds],
      ),
    );
    return (queue) => async (caller) => (await queue.claim({ workerId: workerId(caller), limit: BATCH })).length;
  },
};

export const heartbeatStatement: WorkerStatement = {
  name: `heartbeat of ${BATCH} leases`,
  async arrange({ admin, businessIds, callers }) {
    const runs = await runningRuns(admin, businessIds, callers * BATCH, callers);
    const leasesOf = (caller: number) => runs.slice(caller * BATCH, (caller + 1) * BATCH).map(({ id, leaseId }) => ({ runId: id, leaseId }));
    return (queue) => async (caller) => {
      const kept = await queue.heartbeat(leasesOf(caller));
      if (kept.size !== BATCH) throw new Error(`A heartbeat kept ${kept.size} of ${BATCH} leases`);
      return kept.size;
    };
  },
};

export const completeStatement: WorkerStatement = {
  name: "complete one run",
  async arrange({ admin, businessIds, callers, calls }) {
    const runs = await runningRuns(admin, businessIds, callers * calls, callers);
    return (queue) => async (caller, index) => {
      const run = runs[caller * calls + index]!;
      const line = (message: string) => ({ runId: run.id, businessId: run.businessId, attempt: 1, level: "info" as const, message });
      // What the worker sends for a handler that logged nothing itself: its buffered start line, and the closing line.
      const completed = await queue.complete({
        runId: run.id,
        leaseId: run.leaseId,
        result: JSON.stringify({ handlerStartedAt: Date.now() }),
        logs: [line(`Attempt 1 of 1 started by ${workerId(caller)}`)],
        logsIfSettled: [line("Succeeded")],
      });
      if (!completed) throw new Error("A run held by its lease could not be completed");
      return 1;
    };
  },
};

export const WORKER_STATEMENTS = [claimStatement, heartbeatStatement, completeStatement];

interface RunningRun {
  id: string;
  businessId: string;
  leaseId: string;
}

/**
 * `count` runs leased as a claim leaves them (lease, attempt row), caller by caller in blocks:
 * the first `count / callers` belong to the first caller's worker, and so on.
 */
async function runningRuns(admin: BenchAdmin, businessIds: string[], count: number, callers: number): Promise<RunningRun[]> {
  const { rows } = await refill(admin, () =>
    admin.query<RunningRun>(
      `WITH leased AS (
         INSERT INTO job_runs (id, business_id, scope, job_type, params, status, attempt, max_attempts, locked_by, lease_id,
                               started_at, heartbeat_at, claim_seq, updated_at, created_at, run_at)
         SELECT gen_random_uuid()::text, ($2::text[])[1 + i % array_length($2::text[], 1)], 'tenant', 'bench-work', '{"ms":0}', 'running', 1, 1,
                'bench-driver-' || (i / ($1 / $3)), replace(gen_random_uuid()::text, '-', ''), now(), now(), nextval('job_run_claim_order'), now(), now(), now()
         FROM generate_series(0, $1 - 1) AS i
         RETURNING id, business_id, attempt, locked_by, lease_id, started_at, claim_seq
       ),
       attempts AS (
         INSERT INTO job_run_attempts (id, run_id, business_id, attempt, worker_id, lease_id, status, started_at)
         SELECT gen_random_uuid()::text, id, business_id, attempt, locked_by, lease_id, 'running', started_at FROM leased
       )
       SELECT id, business_id AS "businessId", lease_id AS "leaseId" FROM leased ORDER BY claim_seq`,
      [count, businessIds, callers],
    ),
  );
  return rows;
}

/** An empty queue filled by `fill`, with fresh planner statistics, as a queue that has been running a while has. */
async function refill<T>(admin: BenchAdmin, fill: () => Promise<T>): Promise<T> {
  await admin.query("TRUNCATE job_runs CASCADE");
  const filled = await admin.bypass(fill);
  await admin.query("ANALYZE job_runs, job_run_attempts, job_run_logs");
  return filled;
}
