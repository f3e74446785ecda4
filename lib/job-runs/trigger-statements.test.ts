import { beforeAll, describe, expect, it } from "vitest";
import { createTriggerCallers } from "../../test-support/trigger-callers";
import { installStatementTrace, traceStatements } from "../../test-support/statement-trace";
import { testDatabaseProvider } from "../../test-support/test-database-provider";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { triggerJobRun } from "./trigger-service";

/**
 * Trigger to start includes the API's enqueue: each statement is a round trip the run waits for.
 * The checks, the insert and its audit record land together: one statement on PostgreSQL, one
 * transaction on SQLite (which has no writing WITH clauses). The answer is the row the insert
 * returned, not a second read.
 */

useTempDatabase();

beforeAll(() => {
  installStatementTrace();
});

describe("triggering a run", () => {
  const expected = testDatabaseProvider() === "postgresql" ? ["WITH"] : ["INSERT", "SELECT", "INSERT"];

  it(`inserts the run, checks its business and audits it in ${expected.length} statement(s), answering with the row it wrote`, async () => {
    const { business, admin } = await createTriggerCallers();
    let result: Awaited<ReturnType<typeof triggerJobRun>> | undefined;
    const statements = await traceStatements(async () => {
      result = await triggerJobRun({ ...admin, input: { jobType: "export-report", params: { days: 7 }, tags: ["nightly"] } });
    });

    expect(statements.map((statement) => firstKeyword(statement.sql))).toEqual(expected);
    expect(result?.created).toBe(true);
    expect(result?.run).toMatchObject({ businessId: business.id, jobType: "export-report", status: "queued", attempt: 0, tags: ["nightly"] });
  });
});

/** The statement's first keyword, past a leading comment. */
function firstKeyword(sql: string): string | undefined {
  return sql.replace(/^\s*\/\*.*?\*\//s, "").trim().split(/\s+/)[0]?.toUpperCase();
}
