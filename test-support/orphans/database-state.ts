import { Prisma } from "../../lib/db/sql";
import type { TestClient } from "../../lib/db/testing/test-client";

// Assertions read and prepare the database through a client of their own, never through the code
// under test, so they hold on SQLite and PostgreSQL alike; raw SQL here means the same on both.

/** A tenant run without a business. */
export const ORPHANS = { scope: "tenant", businessId: null } as const satisfies Prisma.JobRunWhereInput;
export const NOT_ORPHANS = { NOT: ORPHANS } as const satisfies Prisma.JobRunWhereInput;

export interface RunRow {
  id: string;
  businessId: string | null;
  scope: string;
}

/** Ordered by id in code rather than SQL, so the order does not depend on the database's collation. */
export async function runs(db: TestClient, where: Prisma.JobRunWhereInput = {}): Promise<RunRow[]> {
  const rows = await db.jobRun.findMany({ where, select: { id: true, businessId: true, scope: true } });
  return rows.sort((a, b) => byCodePoint(a.id, b.id));
}

export async function orphanIds(db: TestClient): Promise<string[]> {
  return (await runs(db, ORPHANS)).map((run) => run.id);
}

/** The single number a `SELECT COUNT(*) …` answers. */
export async function count(db: TestClient, query: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<Record<string, unknown>[]>(query);
  return Number(Object.values(row ?? {})[0] ?? 0);
}

const SNAPSHOT_TABLES = ["businesses", "job_runs", "job_run_attempts", "job_run_logs", "attachments", "audit_events"] as const;

/** Every row of every table the commands may touch, to prove that nothing changed. */
export async function fullSnapshot(db: TestClient): Promise<string> {
  const rows: Record<string, unknown[]> = {};
  for (const table of SNAPSHOT_TABLES) rows[table] = await db.$queryRaw<unknown[]>(Prisma.sql`SELECT * FROM ${Prisma.raw(table)} ORDER BY id`);
  // A client that sees no business's runs (row-level security without access) would make every
  // "nothing changed" comparison pass without looking at the rows that matter.
  const runsSeen = rows.job_runs as { business_id: string | null }[];
  if (!runsSeen.some((run) => run.business_id !== null)) throw new Error("The snapshot sees no run of any business, so it could not show a change");
  return JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
}

export interface AuditRow {
  actorType: string;
  actorUserId: string | null;
  businessId: string | null;
  action: string;
  targetId: string | null;
  details: Record<string, unknown> & { runIds: string[]; runs: number };
}

export async function auditEvents(db: TestClient, action: string): Promise<AuditRow[]> {
  const rows = await db.auditEvent.findMany({
    where: { action },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { actorType: true, actorUserId: true, businessId: true, action: true, targetId: true, details: true },
  });
  return rows.map((row) => ({ ...row, details: row.details as AuditRow["details"] }));
}

export async function businessId(db: TestClient, slug: string): Promise<string> {
  const business = await db.business.findUnique({ where: { slug }, select: { id: true } });
  if (!business) throw new Error(`No business ${slug}`);
  return business.id;
}

/** Adds orphans (tenant runs with no business), each with one attempt and one log line, in one transaction. */
export async function insertOrphans(
  db: TestClient,
  { count: total, createdAt, prefix = "00000000-0000-4000-8000-" }: { count: number; createdAt: number; prefix?: string },
): Promise<string[]> {
  const ids = Array.from({ length: total }, (_, index) => `${prefix}${String(index).padStart(12, "0")}`);
  const at = (index: number) => new Date(createdAt + index);
  await db.$transaction([
    db.jobRun.createMany({
      data: ids.map((id, index) => ({
        id,
        businessId: null,
        scope: "tenant",
        jobType: "sync-calendar",
        status: "succeeded",
        params: {},
        tags: "",
        triggerSource: "api",
        attempt: 1,
        maxAttempts: 3,
        priority: 0,
        runAt: at(index),
        createdAt: at(index),
        updatedAt: at(index),
      })),
    }),
    db.jobRunAttempt.createMany({
      data: ids.map((id, index) => ({
        id: `attempt-${id}`,
        runId: id,
        businessId: null,
        attempt: 1,
        workerId: "worker-old",
        leaseId: `lease-${id}`,
        status: "succeeded",
        startedAt: at(index),
      })),
    }),
    db.jobRunLog.createMany({
      data: ids.map((id, index) => ({ runId: id, businessId: null, attempt: 1, level: "info", message: "old run", createdAt: at(index) })),
    }),
  ]);
  return ids;
}

export async function insertAttachment(
  db: TestClient,
  { id, businessId: owner, runId, storageKey }: { id: string; businessId: string; runId: string; storageKey: string },
): Promise<void> {
  await db.attachment.create({
    data: {
      id,
      businessId: owner,
      runId,
      purpose: "report",
      fileName: "report.csv",
      contentType: "text/csv",
      storageKey,
      size: 3,
      sha256: "x",
      createdAt: new Date(),
    },
  });
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
