import type { Db } from "../../db";
import { inAccess, type DatabaseAccess } from "../../db/database-access";

// The queue works on every business's runs: the one place below the services that needs it.
const QUEUE_ACCESS: DatabaseAccess = Object.freeze({ kind: "all", reason: "run queue: claim, heartbeat, settle, rescue" });

export type QueueDb = Pick<Db, "$queryRaw" | "$executeRaw">;

/** The client's raw statements, run inside the queue's access. A new object: the client itself is left untouched. */
export function withQueueAccess(db: Db): QueueDb {
  return {
    $queryRaw: ((...args: Parameters<Db["$queryRaw"]>) => inAccess(QUEUE_ACCESS, () => db.$queryRaw(...args))) as Db["$queryRaw"],
    $executeRaw: ((...args: Parameters<Db["$executeRaw"]>) => inAccess(QUEUE_ACCESS, () => db.$executeRaw(...args))) as Db["$executeRaw"],
  };
}

/** One transaction inside the queue's access: on SQLite, how several statements become all-or-nothing. */
export function inQueueTransaction<T>(db: Db, work: (tx: QueueDb) => Promise<T>): Promise<T> {
  return inAccess(QUEUE_ACCESS, () => db.$transaction((tx) => work(tx)));
}
