import { Prisma } from "../../db/sql";
import type { QueueDialect } from "./dialect";
import type { QueueConnection } from "./queue-connection";
import { MAX_MESSAGE, truncate, type LogLine } from "./queue-types";

/** The log lines' INSERT, written only when `onlyIf` holds; the attempt is cast because a VALUES list has no column types to infer it from. */
export function insertLogsSql(dialect: QueueDialect, lines: LogLine[], onlyIf?: Prisma.Sql): Prisma.Sql {
  const values = lines.map(
    (line) =>
      Prisma.sql`(${line.runId}, ${line.businessId}, CAST(${line.attempt} AS INTEGER), ${line.level}, ${truncate(line.message, MAX_MESSAGE)}, ${dialect.now})`,
  );
  return Prisma.sql`
    INSERT INTO job_run_logs (run_id, business_id, attempt, level, message, created_at)
    SELECT * FROM (VALUES ${Prisma.join(values)}) AS v
    ${onlyIf ? Prisma.sql`WHERE ${onlyIf}` : Prisma.empty}`;
}

export async function appendLogs({ db, dialect }: QueueConnection, lines: LogLine[]): Promise<void> {
  if (lines.length === 0) return;
  await db.$executeRaw(insertLogsSql(dialect, lines));
}
