import { Prisma } from "../../db/sql";
import type { QueueDialect } from "./dialect";
import type { QueueConnection } from "./queue-connection";
import { MAX_MESSAGE, truncate, type LogLine } from "./queue-types";

function lineValues(dialect: QueueDialect, line: LogLine): Prisma.Sql {
  return Prisma.sql`${line.runId}, ${line.businessId}, CAST(${line.attempt} AS INTEGER), ${line.level}, ${truncate(line.message, MAX_MESSAGE)}, ${dialect.now}`;
}

/** The log lines' INSERT; the attempt is cast because a VALUES list has no column types to infer it from. */
export function insertLogsSql(dialect: QueueDialect, lines: LogLine[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO job_run_logs (run_id, business_id, attempt, level, message, created_at)
    SELECT * FROM (VALUES ${Prisma.join(lines.map((line) => Prisma.sql`(${lineValues(dialect, line)})`))}) AS v`;
}

/**
 * A settle's lines in one INSERT: the handler's lines, then the closing lines of the runs for which
 * `settled` holds (it may read `v.run_id`). One INSERT in that order, because PostgreSQL runs a
 * statement's data-modifying CTEs in no promised order and the log is read in id order: two INSERTs
 * put "Succeeded" above the handler's last lines. PostgreSQL only (it goes in a writing WITH); the
 * lines travel as arrays, so the text is the same for any number of lines and can be prepared.
 */
export function insertSettleLogsSql(
  dialect: QueueDialect,
  { logs, logsIfSettled, settled }: { logs: LogLine[]; logsIfSettled: LogLine[]; settled: Prisma.Sql },
): Prisma.Sql {
  const rows = [...logs.map((line) => ({ line, ifSettled: false })), ...logsIfSettled.map((line) => ({ line, ifSettled: true }))];
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  return Prisma.sql`
    INSERT INTO job_run_logs (run_id, business_id, attempt, level, message, created_at)
    SELECT v.run_id, v.business_id, v.attempt, v.level, v.message, ${dialect.now}
    FROM unnest(
      CAST(${column((row) => row.line.runId)} AS TEXT[]), CAST(${column((row) => row.line.businessId)} AS TEXT[]),
      CAST(${column((row) => row.line.attempt)} AS INTEGER[]), CAST(${column((row) => row.line.level)} AS TEXT[]),
      CAST(${column((row) => truncate(row.line.message, MAX_MESSAGE))} AS TEXT[]), CAST(${column((row) => row.ifSettled)} AS BOOLEAN[])
    ) WITH ORDINALITY AS v (run_id, business_id, attempt, level, message, if_settled, position)
    WHERE NOT v.if_settled OR ${settled}
    ORDER BY v.position`;
}

export async function appendLogs({ db, dialect }: QueueConnection, lines: LogLine[]): Promise<void> {
  if (lines.length === 0) return;
  await db.$executeRaw(insertLogsSql(dialect, lines));
}
