import Database from "better-sqlite3";
import pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";
import type { DatabaseAccess } from "../../lib/db/database-access";
import { percentile } from "../statistics";
import type { TracedStatement } from "../../test-support/statement-trace";

export interface ExplainedStatement {
  sql: string;
  /** The statement's own time: PostgreSQL's execution time, or SQLite's median of a few runs. */
  ms: number;
  plan: string;
}

/**
 * EXPLAIN ANALYZE on PostgreSQL, in a transaction with the same row-level security settings the
 * application's pool gives the scope; EXPLAIN QUERY PLAN plus a timing on SQLite.
 */
export async function explainStatements(url: string, access: DatabaseAccess, statements: TracedStatement[]): Promise<ExplainedStatement[]> {
  return url.startsWith("file:") ? explainOnSqlite(url, statements) : explainOnPostgres(url, access, statements);
}

async function explainOnPostgres(url: string, access: DatabaseAccess, statements: TracedStatement[]): Promise<ExplainedStatement[]> {
  const client = new pg.Client(parseIntoClientConfig(url));
  await client.connect();
  try {
    await client.query("SET TIME ZONE 'UTC'");
    const explained: ExplainedStatement[] = [];
    for (const statement of statements) {
      await client.query("BEGIN");
      try {
        await client.query("SELECT set_config('app.business_id', $1, true), set_config('app.bypass_rls', $2, true)", [
          access.kind === "business" ? access.businessId : "",
          access.kind === "all" ? "on" : "off",
        ]);
        const { rows } = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.values);
        const plan = rows.map((row) => row["QUERY PLAN"]).join("\n");
        const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN);
        explained.push({ sql: statement.sql, ms, plan });
      } finally {
        await client.query("ROLLBACK");
      }
    }
    return explained;
  } finally {
    await client.end();
  }
}

function explainOnSqlite(url: string, statements: TracedStatement[]): ExplainedStatement[] {
  const db = new Database(url.replace(/^file:/, ""), { readonly: true });
  try {
    return statements.map((statement) => {
      const values = statement.values as unknown[];
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...values) as { id: number; parent: number; detail: string }[];
      const prepared = db.prepare(statement.sql);
      const times: number[] = [];
      for (let index = 0; index < 5; index++) {
        const startedAt = performance.now();
        if (prepared.reader) prepared.all(...values);
        times.push(performance.now() - startedAt);
      }
      return { sql: statement.sql, ms: percentile(times, 50), plan: sqlitePlanTree(rows) };
    });
  } finally {
    db.close();
  }
}

function sqlitePlanTree(rows: { id: number; parent: number; detail: string }[]): string {
  const depth = new Map<number, number>([[0, -1]]);
  return rows
    .map((row) => {
      const level = (depth.get(row.parent) ?? -1) + 1;
      depth.set(row.id, level);
      return `${"  ".repeat(level)}${row.detail}`;
    })
    .join("\n");
}
