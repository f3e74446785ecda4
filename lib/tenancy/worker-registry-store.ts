import { getDb } from "../db";
import { inAccess, type DatabaseAccess } from "../db/database-access";
import { databaseNow } from "../db/database-clock";
import { Prisma } from "../db/sql";
import { sqlDialect } from "../db/sql-dialect";
import type { Scope } from "./scope";
import { ScopeViolationError } from "./scope-violation";

// Workers belong to no business: only the all-businesses access reads or writes their rows.
const REGISTRY_ACCESS: DatabaseAccess = Object.freeze({ kind: "all", reason: "workers: register, heartbeat, list" });

/** Rows whose worker has not beaten for a day are forgotten: it crashed long ago. */
const FORGET_AFTER_MS = 24 * 3_600_000;

export interface WorkerPresence {
  id: string;
  host: string;
  pid: number;
  version: string;
  concurrency: number;
  runsInFlight: number;
}

/**
 * Inserts the worker's row or refreshes its heartbeat, by the database's clock so that workers on
 * hosts with drifting clocks are judged alike. Called on the heartbeat timer, never per run.
 */
export async function beatWorkerPresence(worker: WorkerPresence): Promise<void> {
  const now = sqlDialect().now;
  await inAccess(REGISTRY_ACCESS, () =>
    getDb().$executeRaw(Prisma.sql`
      INSERT INTO workers (id, host, pid, version, concurrency, runs_in_flight, started_at, last_heartbeat_at)
      VALUES (${worker.id}, ${worker.host}, ${worker.pid}, ${worker.version}, ${worker.concurrency}, ${worker.runsInFlight}, ${now}, ${now})
      ON CONFLICT (id) DO UPDATE SET
        last_heartbeat_at = excluded.last_heartbeat_at,
        runs_in_flight = excluded.runs_in_flight,
        concurrency = excluded.concurrency`),
  );
}

/** A worker that stops gracefully takes its row away; a crashed one's row goes stale, then is forgotten. */
export async function removeWorkerPresence(workerId: string): Promise<void> {
  await inAccess(REGISTRY_ACCESS, () => getDb().worker.deleteMany({ where: { id: workerId } }));
}

export async function forgetLongGoneWorkers(): Promise<number> {
  return inAccess(REGISTRY_ACCESS, async () => {
    const cutoff = new Date((await databaseNow()).getTime() - FORGET_AFTER_MS);
    return (await getDb().worker.deleteMany({ where: { lastHeartbeatAt: { lt: cutoff } } })).count;
  });
}

export interface WorkerRow extends WorkerPresence {
  startedAt: Date;
  lastHeartbeatAt: Date;
  /** Milliseconds since the last heartbeat, by the database's clock. */
  heartbeatAgeMs: number;
  runningRuns: { id: string; jobType: string; businessId: string | null; startedAt: Date | null }[];
}

/** Every registered worker with the runs it holds now; for the all-businesses scope only. */
export async function readWorkerRegistry(scope: Scope): Promise<WorkerRow[]> {
  // Worker identities are operators' data: no business scope may read them, whatever asked.
  if (scope.kind !== "all") throw new ScopeViolationError("Workers are visible to the all-businesses scope only");
  return inAccess(REGISTRY_ACCESS, async () => {
    const db = getDb();
    const now = await databaseNow();
    const workers = await db.worker.findMany({ orderBy: [{ host: "asc" }, { startedAt: "asc" }, { id: "asc" }] });
    const runs = workers.length
      ? await db.jobRun.findMany({
          where: { status: "running", lockedBy: { in: workers.map((worker) => worker.id) } },
          select: { id: true, jobType: true, businessId: true, startedAt: true, lockedBy: true },
          orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        })
      : [];
    return workers.map((worker) => ({
      ...worker,
      heartbeatAgeMs: Math.max(0, now.getTime() - worker.lastHeartbeatAt.getTime()),
      runningRuns: runs
        .filter((run) => run.lockedBy === worker.id)
        .map(({ id, jobType, businessId, startedAt }) => ({ id, jobType, businessId, startedAt })),
    }));
  });
}
