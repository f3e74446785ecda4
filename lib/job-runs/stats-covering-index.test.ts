import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db";
import { installStatementTrace, traceStatements } from "../../test-support/statement-trace";
import { seedDemo } from "../demo-data/seed-demo";
import { testDatabaseProvider } from "../../test-support/test-database-provider";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { ALL_BUSINESSES, businessScope, type Scope } from "../tenancy/scope";
import { getJobRunStats } from "./stats-service";

/**
 * Statistics over a window of a long history stay fast only while no statement walks the window's
 * runs: finished runs come from the hourly rollups, the window's first partial hour from the
 * list-order index alone, and unfinished runs from an index on status. This reads SQLite's plan for
 * each statement the service sends to job_runs.
 */

const { database } = useTempDatabase();
let acmeId: string;

beforeAll(async () => {
  await seedDemo(getDb(), { now: Date.UTC(2026, 10, 23, 15, 30) });
  acmeId = (await getDb().business.findUniqueOrThrow({ where: { slug: "acme" } })).id;
  // With statistics, as the vacuum-database job keeps them: SQLite then weighs every index.
  const db = new Database(database.url.replace(/^file:/, ""));
  db.exec("ANALYZE");
  db.close();
  installStatementTrace();
});

describe.runIf(testDatabaseProvider() === "sqlite")("statistics read their window from an index alone", () => {
  const cases: Array<{ label: string; scope: () => Scope }> = [
    { label: "one business", scope: () => businessScope(acmeId) },
    { label: "all businesses", scope: () => ALL_BUSINESSES },
  ];
  for (const { label, scope } of cases) {
    it(`for ${label}`, async () => {
      const statements = await traceStatements(() => getJobRunStats({ scope: scope(), window: "30d", now: new Date() }));
      const onRuns = statements.filter((statement) => /\bjob_runs\b/.test(statement.sql));
      // The window's first, partial hour (by created_at), its unfinished runs and those of them
      // scheduled for later (by status); the rest comes from the hourly rollups.
      expect(onRuns).toHaveLength(3);

      const db = new Database(database.url.replace(/^file:/, ""), { readonly: true });
      try {
        for (const statement of onRuns) {
          const plan = db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...(statement.values as unknown[])) as Array<{ detail: string }>;
          const reads = plan.map((row) => row.detail).filter((detail) => /\bjob_runs\b/.test(detail));
          expect(reads.length, statement.sql).toBeGreaterThan(0);
          const unfinishedOnly = /status IN \(|status = 'queued'/.test(statement.sql);
          for (const read of reads) expect(read, statement.sql.slice(0, 300)).toMatch(unfinishedOnly ? /USING (COVERING )?INDEX \S*status/ : /USING COVERING INDEX/);
        }
      } finally {
        db.close();
      }
    });
  }
});
