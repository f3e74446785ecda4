import { AppError, runNotFound } from "../errors";
import { recordAudit } from "../audit/record-audit";
import { Prisma } from "../db/sql";
import type { Actor } from "../tenancy/actor";
import { scopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { serializeRun } from "./serialize";

type RunCounts = { attempt: number; maxAttempts: number };

/** What cancel and retry do to a run: the states they start from, the audit action and the write. */
export interface RunTransition {
  from: string[];
  action: "run.cancelled" | "run.retried";
  conflictMessage: string;
  data: (run: RunCounts) => Record<string, unknown>;
  /** The time column the write sets to "now", which a batched write uses to recognise its own rows. */
  stampField: "finishedAt" | "runAt";
  /** The status a running run's open attempt ends with, written in the same transaction as the run. */
  closeOpenAttempt?: "cancelled";
}

export const CANCEL: RunTransition = {
  from: ["queued", "running"],
  action: "run.cancelled",
  conflictMessage: "Only queued or running runs can be cancelled",
  stampField: "finishedAt",
  data: () => ({ status: "cancelled", finishedAt: new Date(), lockedBy: null, leaseId: null }),
  closeOpenAttempt: "cancelled",
};

export const RETRY: RunTransition = {
  from: ["failed", "cancelled"],
  action: "run.retried",
  conflictMessage: "Only failed or cancelled runs can be retried",
  stampField: "runAt",
  data: (run) => ({
    status: "queued",
    runAt: new Date(),
    maxAttempts: Math.max(run.maxAttempts, run.attempt + 1),
    startedAt: null,
    finishedAt: null,
    heartbeatAt: null,
    lockedBy: null,
    leaseId: null,
    result: Prisma.DbNull,
    errorMessage: null,
    errorStack: null,
    progress: null,
    progressMessage: null,
  }),
};

/**
 * Cancels a queued or running run. A running handler notices on its next heartbeat, which is
 * fenced on status = 'running', and aborts; its own completion is then refused by the fence.
 * The open attempt is closed with the run: a worker that died meanwhile would never close it.
 */
export async function cancelJobRun({ scope, actor, id }: { scope: Scope; actor: Actor; id: string }) {
  return changeRunState({ scope, actor, id, ...CANCEL });
}

/** Puts a failed or cancelled run back in the queue, granting one more attempt if it used them all. */
export async function retryJobRun({ scope, actor, id }: { scope: Scope; actor: Actor; id: string }) {
  return changeRunState({ scope, actor, id, ...RETRY });
}

async function changeRunState({
  scope,
  actor,
  id,
  from,
  action,
  conflictMessage,
  data,
  closeOpenAttempt,
}: RunTransition & { scope: Scope; actor: Actor; id: string }) {
  const db = scopedDb(scope);
  const run = await db.jobRun.findFirst({ where: { id } });
  if (!run) throw runNotFound();
  if (!from.includes(run.status)) throw new AppError("conflict", conflictMessage);
  // The transaction starts with the write, guarded on the status just read: SQLite then waits for
  // a busy worker instead of failing a read-then-write upgrade, and a worker that finished the
  // run in between wins, which is reported as a conflict.
  // The answer is read inside the transaction: once it commits, a worker may claim the run at
  // once, and the caller must see the state this request produced, not the worker's.
  const updated = await db.$transaction(async (tx) => {
    const { count } = await tx.jobRun.updateMany({ where: { id, status: run.status }, data: data(run) });
    if (count === 0) throw new AppError("conflict", "The run changed while this request was handled; reload and try again");
    if (closeOpenAttempt && run.status === "running") {
      await tx.jobRunAttempt.updateMany({ where: { runId: id, status: "running" }, data: { status: closeOpenAttempt, finishedAt: new Date() } });
    }
    await recordAudit(tx, {
      actor: { type: "user", userId: actor.userId },
      businessId: run.businessId,
      action,
      targetId: id,
      details: { previousStatus: run.status },
    });
    return tx.jobRun.findFirstOrThrow({ where: { id } });
  });
  return serializeRun(updated, scope);
}
