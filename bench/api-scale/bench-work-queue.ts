import Database from "better-sqlite3";
import { databaseProvider } from "../../lib/config/env";
import { connectAsAdmin } from "../bench-database";

const JOB = "bench-work";

/** Queues `runs` bench-work runs, due now, spread over the database's businesses in turn. */
export async function queueBenchWork(url: string, { runs, workMs }: { runs: number; workMs: number }): Promise<void> {
  if (databaseProvider(url) === "sqlite") return queueOnSqlite(url, runs, workMs);
  const admin = await connectAsAdmin(url);
  try {
    await admin.bypass(() =>
      admin.query(
        `WITH owners AS (SELECT array_agg(id ORDER BY id) AS ids FROM businesses)
         INSERT INTO job_runs (id, business_id, scope, job_type, params, max_attempts, updated_at, created_at, run_at)
         SELECT gen_random_uuid()::text, ids[1 + i % array_length(ids, 1)], 'tenant', $3,
                jsonb_build_object('ms', $2::int), 1, now(), now(), now()
         FROM owners, generate_series(0, $1 - 1) AS i`,
        [runs, workMs, JOB],
      ),
    );
  } finally {
    await admin.end();
  }
}

function queueOnSqlite(url: string, runs: number, workMs: number): void {
  const db = new Database(url.replace(/^file:/, ""));
  try {
    const now = Date.now();
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1),
         owners AS (SELECT id, ROW_NUMBER() OVER (ORDER BY id) - 1 AS turn, COUNT(*) OVER () AS total FROM businesses)
       INSERT INTO job_runs (id, business_id, scope, job_type, params, max_attempts, updated_at, created_at, run_at)
       SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' ||
                    substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
              owners.id, 'tenant', ?, json_object('ms', ?), 1, ?, ?, ?
       FROM n JOIN owners ON owners.turn = n.i % owners.total`,
    ).run(runs, JOB, workMs, now, now, now);
  } finally {
    db.close();
  }
}

/** Bench-work runs not finished yet. */
export async function pendingBenchWork(url: string): Promise<number> {
  const sql = `SELECT COUNT(*) AS n FROM job_runs WHERE job_type = '${JOB}' AND status IN ('queued', 'running')`;
  if (databaseProvider(url) === "sqlite") {
    const db = new Database(url.replace(/^file:/, ""), { readonly: true });
    try {
      return Number((db.prepare(sql).get() as { n: number }).n);
    } finally {
      db.close();
    }
  }
  const admin = await connectAsAdmin(url);
  try {
    const { rows } = await admin.bypass(() => admin.query<{ n: string }>(sql));
    return Number(rows[0]?.n);
  } finally {
    await admin.end();
  }
}

/** How the drained runs ended, to check that the benchmark did what it claims. */
export async function benchWorkOutcomes(url: string): Promise<Record<string, number>> {
  const sql = `SELECT status, COUNT(*) AS n FROM job_runs WHERE job_type = '${JOB}' GROUP BY status`;
  let rows: { status: string; n: number | string }[];
  if (databaseProvider(url) === "sqlite") {
    const db = new Database(url.replace(/^file:/, ""), { readonly: true });
    try {
      rows = db.prepare(sql).all() as typeof rows;
    } finally {
      db.close();
    }
  } else {
    const admin = await connectAsAdmin(url);
    try {
      rows = (await admin.bypass(() => admin.query<{ status: string; n: string }>(sql))).rows;
    } finally {
      await admin.end();
    }
  }
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}
