import { Prisma } from "../../db/sql";
import type { QueueDialect } from "./dialect";

/**
 * The columns a new lease writes, the same whichever way a run is taken (claimed from the queue,
 * claimed by id, or created already running). `claimSeq` is the run's place in the claim order,
 * which the fair claim reads back as "when was this business last served".
 */
function leaseColumns({ dialect, workerId, claimSeq }: { dialect: QueueDialect; workerId: string; claimSeq: Prisma.Sql }): [string, Prisma.Sql][] {
  const { now } = dialect;
  return [
    ["status", Prisma.sql`'running'`],
    ["locked_by", Prisma.sql`${workerId}`],
    ["lease_id", dialect.newLeaseId],
    ["started_at", now],
    ["heartbeat_at", now],
    ["finished_at", Prisma.sql`NULL`],
    ["progress", Prisma.sql`NULL`],
    ["progress_message", Prisma.sql`NULL`],
    ["claim_seq", claimSeq],
    ["updated_at", now],
  ];
}

/** The SET list of an UPDATE that hands the row a new lease and counts one more attempt. */
export function leaseAssignments(options: { dialect: QueueDialect; workerId: string; claimSeq: Prisma.Sql }): Prisma.Sql {
  const assignments = leaseColumns(options).map(([column, value]) => Prisma.sql`${Prisma.raw(column)} = ${value}`);
  return Prisma.join([Prisma.sql`attempt = attempt + 1`, ...assignments], ", ");
}

/** The same columns for an INSERT of a run that starts out leased: names and values in matching order. */
export function leaseInsertParts(options: { dialect: QueueDialect; workerId: string; claimSeq: Prisma.Sql }): { columns: Prisma.Sql; values: Prisma.Sql } {
  const columns = leaseColumns(options);
  return {
    columns: Prisma.raw(columns.map(([column]) => column).join(", ")),
    values: Prisma.join(columns.map(([, value]) => value), ", "),
  };
}
