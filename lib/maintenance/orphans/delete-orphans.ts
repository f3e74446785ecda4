import { recordAudit } from "../../audit/record-audit";
import { RunsChangedError } from "./cli-errors";
import { letSignalsArrive } from "./interrupt";
import type { ArtifactFile, FileRemovalFailure } from "./artifact-files";
import {
  BATCH_TRANSACTION_OPTIONS,
  OLDEST_FIRST,
  ORPHAN_ROW_SELECT,
  orphanWhere,
  type MaintenanceDb,
  type MaintenanceTx,
  type OrphanRow,
} from "./maintenance-db";

export interface DeletionPreview {
  runs: number;
  attempts: number;
  logs: number;
  attachments: number;
  /** The oldest runs that would go, at most the requested limit. */
  sample: OrphanRow[];
}

export async function previewOrphanDeletion({
  db,
  createdBefore,
  limit,
}: {
  db: MaintenanceDb;
  createdBefore?: Date;
  limit: number;
}): Promise<DeletionPreview> {
  const where = orphanWhere({ createdBefore });
  const [runs, attempts, logs, attachments, sample] = await Promise.all([
    db.jobRun.count({ where }),
    db.jobRunAttempt.count({ where: { run: where } }),
    db.jobRunLog.count({ where: { run: where } }),
    db.attachment.count({ where: { run: where } }),
    limit > 0 ? db.jobRun.findMany({ where, orderBy: OLDEST_FIRST, take: limit, select: ORPHAN_ROW_SELECT }) : [],
  ]);
  return { runs, attempts, logs, attachments, sample };
}

export interface DeletedBatch {
  batch: number;
  runIds: string[];
  /** Runs deleted so far, this batch included. */
  deletedRuns: number;
  fileFailures: FileRemovalFailure[];
}

export interface DeletionOutcome {
  deletedRuns: number;
  batches: number;
  /** Stopped on request before every orphan was handled. */
  stopped: boolean;
  fileFailures: FileRemovalFailure[];
}

// Another process may assign or delete a picked run between the pick and the delete; the batch
// is then rolled back and picked again, and these are the tries before giving up.
const BATCH_TRIES = 3;

/**
 * Deletes orphans oldest first, one transaction per batch: the runs, their attempts, logs and
 * attachment rows, and the batch's audit event commit together or not at all. Attachment files
 * are removed only after the commit, so a rolled-back batch never loses a file.
 */
export async function deleteOrphans({
  db,
  createdBefore,
  olderThanDays,
  batchSize,
  shouldStop,
  removeFiles,
  onBatch,
}: {
  db: MaintenanceDb;
  createdBefore?: Date;
  olderThanDays?: number;
  batchSize: number;
  shouldStop: () => boolean;
  removeFiles: (files: ArtifactFile[]) => Promise<FileRemovalFailure[]>;
  onBatch: (batch: DeletedBatch) => void;
}): Promise<DeletionOutcome> {
  let deletedRuns = 0;
  let batches = 0;
  const fileFailures: FileRemovalFailure[] = [];
  for (;;) {
    await letSignalsArrive();
    if (shouldStop()) return { deletedRuns, batches, stopped: true, fileFailures };
    const batchNumber = batches + 1;
    const deleted = await withRetries(() =>
      db.$transaction(
        (tx) => deleteBatch({ tx, createdBefore, olderThanDays, batchSize, batchNumber }),
        BATCH_TRANSACTION_OPTIONS,
      ),
    );
    if (!deleted) return { deletedRuns, batches, stopped: false, fileFailures };
    batches = batchNumber;
    deletedRuns += deleted.runIds.length;
    const failures = await removeFiles(deleted.files);
    fileFailures.push(...failures);
    onBatch({ batch: batchNumber, runIds: deleted.runIds, deletedRuns, fileFailures: failures });
  }
}

async function deleteBatch({
  tx,
  createdBefore,
  olderThanDays,
  batchSize,
  batchNumber,
}: {
  tx: MaintenanceTx;
  createdBefore?: Date;
  olderThanDays?: number;
  batchSize: number;
  batchNumber: number;
}): Promise<{ runIds: string[]; files: ArtifactFile[] } | null> {
  const picked = await tx.jobRun.findMany({ where: orphanWhere({ createdBefore }), orderBy: OLDEST_FIRST, take: batchSize, select: { id: true } });
  if (picked.length === 0) return null;
  const runIds = picked.map((run) => run.id);

  // Orphans have no business, so attachments are not expected; any found go with their run
  // rather than being left behind with run_id set to NULL.
  const attachments = await tx.attachment.findMany({
    where: { runId: { in: runIds } },
    select: { id: true, businessId: true, storageKey: true },
  });
  const attempts = await tx.jobRunAttempt.deleteMany({ where: { runId: { in: runIds } } });
  const logs = await tx.jobRunLog.deleteMany({ where: { runId: { in: runIds } } });
  await tx.attachment.deleteMany({ where: { id: { in: attachments.map((attachment) => attachment.id) } } });
  // The orphan condition is repeated here so a run that gained a business or changed scope since
  // the pick survives; a short count then rolls the whole batch back.
  const runs = await tx.jobRun.deleteMany({ where: { id: { in: runIds }, ...orphanWhere() } });
  if (runs.count !== runIds.length) throw new RunsChangedError(runIds.length, runs.count);

  await recordAudit(tx, {
    actor: { type: "cli" },
    businessId: null,
    action: "orphans.deleted",
    targetId: runIds.length === 1 ? runIds[0] : undefined,
    details: {
      batch: batchNumber,
      runs: runIds.length,
      runIds,
      attempts: attempts.count,
      logs: logs.count,
      attachments: attachments.length,
      attachmentIds: attachments.map((attachment) => attachment.id),
      ...(olderThanDays !== undefined ? { olderThanDays } : {}),
    },
  });
  return {
    runIds,
    files: attachments.map((attachment) => ({ attachmentId: attachment.id, businessId: attachment.businessId, storageKey: attachment.storageKey })),
  };
}

async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof RunsChangedError) || attempt >= BATCH_TRIES) throw error;
    }
  }
}
