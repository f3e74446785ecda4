import { Prisma } from "../../db/sql";
import { RUN_COLUMNS } from "./claimed-run";
import { leaseAssignments } from "./lease-columns";
import type { ClaimStatementOptions, QueueDialect } from "./dialect";

// 'now' is fixed for the duration of one statement in SQLite, so every use in a statement agrees.
const NOW = Prisma.sql`CAST(unixepoch('subsec') * 1000 AS INTEGER)`;

// With one writer at a time, the largest place handed out so far plus the run's turn in its batch
// is unique. A non-correlated subquery: SQLite evaluates it once per statement.
const LAST_CLAIM_SEQ = Prisma.sql`(SELECT COALESCE(MAX(claim_seq), 0) FROM job_runs)`;

/**
 * One statement, so the choice and the claim are atomic: SQLite runs writes one at a time, and a
 * second worker's claim sees the rows this one took as running. Fairness is decided inside the
 * query:
 *
 * 1. firsts: for every business (and the system), its first runnable run in its own order
 *    (priority, then age), walking the (status, business_id, priority, run_at) index.
 * 2. chosen: a business's first run ranks ahead of its later ones, so only the `limit` businesses
 *    whose first runs rank best can place a run in the batch. Only their heads, the first `limit`
 *    runs each, are read: the cost grows with the batch, not with businesses × batch.
 * 3. turn: a run's place in its business's queue; share = the business's running runs + turn, so a
 *    business holding many slots waits behind one holding few (deficit round-robin).
 * 4. Ties go to the business whose latest claim is oldest (claim_seq), then priority, then age. A
 *    business with 10,000 queued runs and one with 10 therefore take turns.
 * 5. businesses.max_concurrent_runs caps running + turn per business.
 * 6. Each claimed run takes the next place in the claim order, in the order it was picked.
 *
 * Orphans (tenant runs without a business) are never claimed: they wait for an owner.
 */
function claimRuns({ workerId, limit }: ClaimStatementOptions): Prisma.Sql {
  return Prisma.sql`
    WITH running AS MATERIALIZED (
      SELECT business_id, COUNT(*) AS n FROM job_runs WHERE status = 'running' GROUP BY business_id
    ),
    firsts AS (
      SELECT b.id AS business_id, COALESCE(rn.n, 0) AS running, b.max_concurrent_runs AS cap,
        (SELECT MAX(served.claim_seq) FROM job_runs served WHERE served.business_id = b.id) AS last_served,
        f.id, f.priority, f.run_at
      FROM businesses b
      JOIN job_runs f ON f.id = (
        SELECT q.id FROM job_runs q
        WHERE q.status = 'queued' AND q.business_id = b.id AND +q.run_at <= ${NOW}
        ORDER BY q.priority DESC, q.run_at
        LIMIT 1
      )
      LEFT JOIN running rn ON rn.business_id = b.id
      WHERE b.max_concurrent_runs IS NULL OR COALESCE(rn.n, 0) < b.max_concurrent_runs
      UNION ALL
      SELECT NULL, COALESCE((SELECT n FROM running WHERE business_id IS NULL), 0), NULL,
        (SELECT MAX(served.claim_seq) FROM job_runs served WHERE served.business_id IS NULL),
        f.id, f.priority, f.run_at
      FROM job_runs f
      WHERE f.id = (
        SELECT q.id FROM job_runs q
        WHERE q.status = 'queued' AND q.business_id IS NULL AND q.scope = 'system' AND +q.run_at <= ${NOW}
        ORDER BY q.priority DESC, q.run_at
        LIMIT 1
      )
    ),
    chosen AS MATERIALIZED (
      SELECT business_id, running, cap, last_served FROM firsts
      ORDER BY running, last_served NULLS FIRST, priority DESC, run_at, id
      LIMIT ${limit}
    ),
    heads AS (
      SELECT head.id FROM chosen c, job_runs head
      WHERE c.business_id IS NOT NULL AND head.id IN (
        SELECT q.id FROM job_runs q
        WHERE q.status = 'queued' AND q.business_id = c.business_id AND +q.run_at <= ${NOW}
        ORDER BY q.priority DESC, q.run_at
        LIMIT ${limit}
      )
      UNION ALL
      SELECT id FROM (
        SELECT q.id FROM job_runs q
        WHERE q.status = 'queued' AND q.business_id IS NULL AND q.scope = 'system' AND +q.run_at <= ${NOW}
        ORDER BY q.priority DESC, q.run_at
        LIMIT ${limit}
      )
      WHERE EXISTS (SELECT 1 FROM chosen WHERE business_id IS NULL)
    ),
    candidates AS (
      SELECT r.id, r.business_id, r.priority, r.run_at,
        ROW_NUMBER() OVER (PARTITION BY r.business_id ORDER BY r.priority DESC, r.run_at, r.id) AS turn
      FROM job_runs r
      WHERE r.id IN (SELECT id FROM heads)
    ),
    eligible AS (
      SELECT c.id, c.priority, c.run_at, ch.running + c.turn AS share, ch.last_served
      FROM candidates c
      JOIN chosen ch ON ch.business_id IS c.business_id
      WHERE ch.cap IS NULL OR ch.running + c.turn <= ch.cap
    ),
    -- Materialized: computed once, before the update changes the running counts it reads.
    picked AS MATERIALIZED (
      SELECT id, ROW_NUMBER() OVER (ORDER BY share, last_served NULLS FIRST, priority DESC, run_at, id) AS turn_taken
      FROM eligible
      ORDER BY share, last_served NULLS FIRST, priority DESC, run_at, id
      LIMIT ${limit}
    )
    UPDATE job_runs SET ${leaseAssignments({
      dialect: sqliteDialect,
      workerId,
      claimSeq: Prisma.sql`${LAST_CLAIM_SEQ} + (SELECT picked.turn_taken FROM picked WHERE picked.id = job_runs.id)`,
    })}
    WHERE id IN (SELECT id FROM picked)
    RETURNING ${RUN_COLUMNS}`;
}

export const sqliteDialect: QueueDialect = {
  name: "sqlite",
  now: NOW,
  nowPlusMs: (ms) => Prisma.sql`(${NOW} + ${Math.round(ms)})`,
  newLeaseId: Prisma.sql`lower(hex(randomblob(16)))`,
  nextClaimSeq: Prisma.sql`(${LAST_CLAIM_SEQ} + 1)`,
  claimRuns,
  // Persistent for the database file: every connection, the web app's included, uses it from then on.
  prepareDatabase: [Prisma.sql`PRAGMA journal_mode = WAL`],
  toEpochMs: (value) => Number(value),
};
