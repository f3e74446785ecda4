import { recordAudits } from "../audit/record-audit";
import type { Actor } from "../tenancy/actor";
import type { ScopedDb } from "../tenancy/scoped-db";
import type { RunTransition } from "./manage-service";

export type EligibleRun = { id: string; status: string; attempt: number; maxAttempts: number; businessId: string | null };

/**
 * One transaction per chunk, one guarded write per group of runs that get the same data (same
 * status; for a retry also the same attempt grant), and one audit insert for the chunk. The
 * write carries this request's own timestamp, so a group that a worker raced is told apart run
 * by run: only rows with the written status and that timestamp were changed here.
 */
export async function changeRunsInChunk({
  db,
  actor,
  transition,
  runs,
}: {
  db: ScopedDb;
  actor: Actor;
  transition: RunTransition;
  runs: EligibleRun[];
}): Promise<string[]> {
  const groups = new Map<string, EligibleRun[]>();
  for (const run of runs) {
    const key = JSON.stringify([run.status, transition.data(run).maxAttempts ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const stamp = new Date();
  return db.$transaction(async (tx) => {
    const changed: EligibleRun[] = [];
    for (const group of groups.values()) {
      const first = group[0]!;
      const ids = group.map((run) => run.id);
      const data = { ...transition.data(first), [transition.stampField]: stamp };
      const { count } = await tx.jobRun.updateMany({ where: { id: { in: ids }, status: first.status }, data });
      if (count === group.length) {
        changed.push(...group);
      } else if (count > 0) {
        const written = await tx.jobRun.findMany({
          where: { id: { in: ids }, status: data.status as string, [transition.stampField]: stamp },
          select: { id: true },
        });
        const writtenIds = new Set(written.map((row) => row.id));
        changed.push(...group.filter((run) => writtenIds.has(run.id)));
      }
    }
    const runningIds = changed.filter((run) => run.status === "running").map((run) => run.id);
    if (transition.closeOpenAttempt && runningIds.length) {
      await tx.jobRunAttempt.updateMany({
        where: { runId: { in: runningIds }, status: "running" },
        data: { status: transition.closeOpenAttempt, finishedAt: stamp },
      });
    }
    if (changed.length) {
      await recordAudits(
        tx,
        changed.map((run) => ({
          actor: { type: "user", userId: actor.userId },
          businessId: run.businessId,
          action: transition.action,
          targetId: run.id,
          details: { previousStatus: run.status, bulk: true },
        })),
      );
    }
    return changed.map((run) => run.id);
  });
}
