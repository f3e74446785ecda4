import { Prisma } from "../../db/sql";
import { RUN_COLUMNS } from "./claimed-run";
import { leaseAssignments } from "./lease-columns";
import type { ClaimStatementOptions, QueueDialect } from "./dialect";

// The transaction's start time: one value for the whole statement, as in SQLite.
const NOW = Prisma.sql`now()`;

// A sequence, not MAX + 1: every claimed row gets its own number, also when claims run at the same time.
const NEXT_CLAIM_SEQ = Prisma.sql`nextval('job_run_claim_order')`;

/*
 * Statistics lag behind a burst of inserts: after a quiet spell they say almost no run is queued,
 * and the planner then takes any index that starts with status, walking every queued run to probe
 * one. Written so that it cannot be an index condition, it leaves the probe of a chosen run only
 * the primary key.
 */
const STILL_QUEUED = Prisma.sql`(q.status = 'queued') IS TRUE`;

/**
 * The same fair choice as the SQLite claim (see sqlite-dialect.ts), for many worker processes at
 * once. The candidates are computed from a snapshot; the final pick locks the chosen rows with
 * `FOR UPDATE SKIP LOCKED`, so two workers never wait on each other, and re-checks
 * `status = 'queued'` on the row's latest version, so a run another worker claimed after the
 * snapshot is skipped rather than claimed twice. Each step is MATERIALIZED, so it is computed once
 * whatever the planner believes about a table whose statistics lag behind a burst of inserts.
 *
 * Two passes keep the cost with the batch rather than with businesses × batch: a business's first
 * run always ranks ahead of its later ones, so only the `limit` businesses whose first runs rank
 * best can place any run in the batch, and only they have their queue heads read.
 */
function claimRuns({ workerId, limit }: ClaimStatementOptions): Prisma.Sql {
  return Prisma.sql`
    WITH running AS MATERIALIZED (
      -- Grouped by an expression no index is ordered by (null stays null), so that the few running
      -- rows are found through the status index, not by walking a business_id index for its order.
      SELECT business_id || '' AS business_id, COUNT(*) AS n FROM job_runs WHERE status = 'running' GROUP BY 1
    ),
    firsts AS MATERIALIZED (
      SELECT f.*, COALESCE(rn.n, 0) AS running, b.max_concurrent_runs AS cap,
        (SELECT MAX(served.claim_seq) FROM job_runs served WHERE served.business_id = b.id) AS last_served
      FROM businesses b
      CROSS JOIN LATERAL (
        SELECT q.id, q.business_id, q.priority, q.run_at FROM job_runs q
        WHERE q.status = 'queued' AND q.business_id = b.id AND q.run_at <= ${NOW}
        ORDER BY q.priority DESC, q.run_at
        LIMIT 1
      ) f
      LEFT JOIN running rn ON rn.business_id = b.id
      WHERE b.max_concurrent_runs IS NULL OR COALESCE(rn.n, 0) < b.max_concurrent_runs
      UNION ALL
      -- Two forms, so that each probes the (business_id, claim_seq) index; IS NOT DISTINCT FROM would scan.
      SELECT f.*, COALESCE((SELECT n FROM running WHERE business_id IS NULL), 0), NULL,
        -- In the (business_id, claim_seq) index's order, so the planner reads its last entry rather
        -- than walking the claim_seq index back through every business's claims.
        (SELECT served.claim_seq FROM job_runs served
         WHERE served.business_id IS NULL AND served.scope = 'system' AND served.claim_seq IS NOT NULL
         ORDER BY served.business_id DESC, served.claim_seq DESC LIMIT 1)
      FROM (
        SELECT q.id, q.business_id, q.priority, q.run_at FROM job_runs q
        WHERE q.status = 'queued' AND q.business_id IS NULL AND q.scope = 'system' AND q.run_at <= ${NOW}
        -- business_id (always null here) leads the order, so the planner sees that the (status,
        -- business_id, priority, run_at) index yields it, and does not sort every queued run instead.
        ORDER BY q.business_id, q.priority DESC, q.run_at
        LIMIT 1
      ) f
    ),
    chosen AS MATERIALIZED (
      SELECT business_id, running, cap, last_served FROM firsts
      ORDER BY running, last_served NULLS FIRST, priority DESC, run_at, id
      LIMIT ${limit}
    ),
    heads AS MATERIALIZED (
      SELECT c.running, c.cap, c.last_served, head.* FROM chosen c
      CROSS JOIN LATERAL (
        -- Numbered only after the limit: a window over the index scan itself reads every run that
        -- ties on (priority, run_at) with the last one taken, the whole queue after a bulk enqueue.
        SELECT limited.*, ROW_NUMBER() OVER (ORDER BY limited.priority DESC, limited.run_at, limited.id) AS turn
        FROM (
          -- In the index's own order (status, business_id, priority DESC, run_at), so the scan stops
          -- after \`limit\` rows however long the business's queue is.
          SELECT q.id, q.priority, q.run_at
          FROM job_runs q
          WHERE q.status = 'queued' AND q.business_id = c.business_id AND q.run_at <= ${NOW}
          ORDER BY q.priority DESC, q.run_at
          LIMIT ${limit}
        ) limited
      ) head
      WHERE c.business_id IS NOT NULL
      UNION ALL
      SELECT c.running, c.cap, c.last_served, q.id, q.priority, q.run_at,
        ROW_NUMBER() OVER (ORDER BY q.priority DESC, q.run_at, q.id) AS turn
      FROM chosen c, (
        SELECT id, priority, run_at FROM job_runs
        WHERE status = 'queued' AND business_id IS NULL AND scope = 'system' AND run_at <= ${NOW}
        ORDER BY business_id, priority DESC, run_at -- (see firsts)
        LIMIT ${limit}
      ) q
      WHERE c.business_id IS NULL
    ),
    eligible AS MATERIALIZED (
      SELECT id, priority, run_at, running + turn AS share, last_served FROM heads
      WHERE cap IS NULL OR running + turn <= cap
    ),
    picked AS (
      -- One primary-key probe per candidate, in the fair order, until the batch is full: whatever the
      -- planner believes about the number of queued runs (statistics lag behind a burst of inserts),
      -- a join here could hash or rescan every queued run to take a few dozen.
      SELECT j.id FROM (
        SELECT id, share, last_served, priority, run_at FROM eligible
        ORDER BY share, last_served NULLS FIRST, priority DESC, run_at, id
      ) e
      CROSS JOIN LATERAL (
        SELECT q.id FROM job_runs q WHERE q.id = e.id AND ${STILL_QUEUED} FOR UPDATE SKIP LOCKED
      ) j
      LIMIT ${limit}
    )
    UPDATE job_runs SET ${leaseAssignments({ dialect: postgresDialect, workerId, claimSeq: NEXT_CLAIM_SEQ })}
    FROM picked
    WHERE job_runs.id = picked.id
    RETURNING ${RUN_COLUMNS_QUALIFIED}`;
}

// UPDATE … FROM makes bare column names ambiguous only when picked has them; it has only id.
const RUN_COLUMNS_QUALIFIED = Prisma.raw(RUN_COLUMNS.text.split(", ").map((column) => `job_runs.${column}`).join(", "));

export const postgresDialect: QueueDialect = {
  name: "postgresql",
  now: NOW,
  nowPlusMs: (ms) => Prisma.sql`(${NOW} + ${Math.round(ms)}::float8 * interval '1 millisecond')`,
  newLeaseId: Prisma.sql`replace(gen_random_uuid()::text, '-', '')`,
  nextClaimSeq: NEXT_CLAIM_SEQ,
  claimRuns,
  prepareDatabase: [],
  toEpochMs: (value) => new Date(value as string | number | Date).getTime(),
};
