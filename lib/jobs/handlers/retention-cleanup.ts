import { z } from "zod";
import { readEnv } from "../../config/env";
import { defineJob, type JobStorage } from "../define-job";

const DAY_MS = 24 * 3600_000;
const BATCH = 500;
const FINISHED = ["succeeded", "failed", "cancelled"];

interface Freed {
  artifactsDeleted: number;
  bytesFreed: number;
}

export const retentionCleanup = defineJob({
  type: "retention-cleanup",
  title: "Retention cleanup",
  description: "Removes old artifacts and, after the retention period, finished runs of the business.",
  scope: "tenant",
  triggeredBy: "admin",
  params: z
    .object({
      runRetentionDays: z.number().int().min(1).max(3650).optional().describe("Finished runs older than this are removed (default RUN_RETENTION_DAYS)"),
    })
    .strict(),
  maxAttempts: 3,
  timeoutMs: 30 * 60 * 1000,
  async run({ params, businessId, runId, startedAt, db, storage, log, progress, signal }) {
    if (!businessId) throw new Error("retention-cleanup needs a business");
    const business = await db.business.findUniqueOrThrow({
      where: { id: businessId },
      select: { artifactRetentionDays: true, artifactKeepLatest: true },
    });
    const freed: Freed = { artifactsDeleted: 0, bytesFreed: 0 };

    const artifactCutoff = new Date(startedAt.getTime() - business.artifactRetentionDays * DAY_MS);
    await deleteArtifacts({ storage, freed, signal, select: () => db.attachment.findMany({ where: { createdAt: { lt: artifactCutoff } }, select: { id: true }, take: BATCH }) });
    log.info(`${freed.artifactsDeleted} artifacts older than ${business.artifactRetentionDays} days removed`);
    await progress(0.4, "Old artifacts removed");

    if (business.artifactKeepLatest !== null) {
      const keep = business.artifactKeepLatest;
      const before = freed.artifactsDeleted;
      const purposes = await db.attachment.groupBy({ by: ["purpose"], _count: { _all: true } });
      for (const { purpose, _count } of purposes) {
        if (_count._all <= keep) continue;
        await deleteArtifacts({
          storage,
          freed,
          signal,
          select: () => db.attachment.findMany({ where: { purpose }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: keep, take: BATCH, select: { id: true } }),
        });
      }
      log.info(`${freed.artifactsDeleted - before} artifacts beyond the newest ${keep} per purpose removed`);
    }
    await progress(0.7, "Artifacts cleaned up");

    const runRetentionDays = params.runRetentionDays ?? readEnv().RUN_RETENTION_DAYS;
    const runCutoff = new Date(startedAt.getTime() - runRetentionDays * DAY_MS);
    let runsDeleted = 0;
    for (;;) {
      if (signal.aborted) throw signal.reason;
      const batch = await db.jobRun.findMany({
        where: { status: { in: FINISHED }, finishedAt: { lt: runCutoff }, id: { not: runId } },
        select: { id: true },
        take: BATCH,
      });
      if (batch.length === 0) break;
      // Attempts and log lines go with their run (ON DELETE CASCADE); attachments stay until their own retention.
      const { count } = await db.jobRun.deleteMany({ where: { id: { in: batch.map((run) => run.id) } } });
      runsDeleted += count;
      if (count === 0) break;
    }
    log.info(`${runsDeleted} finished runs older than ${runRetentionDays} days removed`);
    await progress(1, "Done");
    return { ...freed, runsDeleted, artifactRetentionDays: business.artifactRetentionDays, artifactKeepLatest: business.artifactKeepLatest, runRetentionDays };
  },
});

async function deleteArtifacts({
  storage,
  freed,
  signal,
  select,
}: {
  storage: JobStorage;
  freed: Freed;
  signal: AbortSignal;
  select: () => Promise<{ id: string }[]>;
}): Promise<void> {
  for (;;) {
    if (signal.aborted) throw signal.reason;
    const batch = await select();
    if (batch.length === 0) return;
    let progressed = false;
    for (const { id } of batch) {
      const removed = await storage.deleteArtifact({ id });
      if (!removed) continue;
      progressed = true;
      freed.artifactsDeleted += 1;
      freed.bytesFreed += removed.bytesFreed;
    }
    // Someone else deleted the same rows meanwhile; stop rather than spin.
    if (!progressed) return;
  }
}
