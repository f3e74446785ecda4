import { recordAudit } from "../../audit/record-audit";
import { dedupeKeyFor } from "../../jobs/dedupe-key";
import { RefusedError, RunsChangedError } from "./cli-errors";
import { letSignalsArrive } from "./interrupt";
import type { BusinessChoice } from "./find-business";
import { BATCH_TRANSACTION_OPTIONS, orphanWhere, type MaintenanceDb, type MaintenanceTx } from "./maintenance-db";

export interface RefusedRun {
  id: string;
  reason: string;
}

// Keeps IN lists well inside the bind-parameter limits of SQLite and PostgreSQL.
const LOOKUP_CHUNK = 500;

/**
 * Why each of the given runs may not be assigned to the business; empty when all may. Only
 * orphans qualify: a system run or a run that already has a business is never reassigned.
 */
export async function findUnassignableRuns({
  db,
  runIds,
  businessId,
}: {
  db: MaintenanceDb;
  runIds: string[];
  businessId: string;
}): Promise<RefusedRun[]> {
  const refused: RefusedRun[] = [];
  for (const ids of chunks(runIds, LOOKUP_CHUNK)) {
    const runs = await db.jobRun.findMany({
      where: { id: { in: ids } },
      select: { id: true, scope: true, businessId: true, idempotencyKey: true, triggerSource: true, business: { select: { slug: true } } },
    });
    const found = new Map(runs.map((run) => [run.id, run]));
    for (const id of ids) {
      const run = found.get(id);
      if (!run) refused.push({ id, reason: "no such run" });
      else if (run.scope === "system") refused.push({ id, reason: "system run; system runs belong to no business" });
      else if (run.businessId) refused.push({ id, reason: `not an orphan: belongs to business ${run.business?.slug ?? run.businessId}` });
      else if (run.scope !== "tenant") refused.push({ id, reason: `unknown scope "${run.scope}"` });
    }
    refused.push(...(await findForeignAttachments({ db, runIds: ids, businessId })));
    refused.push(...(await findKeyCollisions({ db, runs: runs.filter((run) => !run.businessId), businessId })));
  }
  return refused;
}

export interface AssignedBatch {
  batch: number;
  runIds: string[];
  /** Runs assigned so far, this batch included. */
  assignedRuns: number;
}

export interface AssignmentOutcome {
  assignedRuns: number;
  batches: number;
  /** Stopped on request before every run was assigned. */
  stopped: boolean;
}

/**
 * Assigns the given orphans in batches, one transaction each: the runs, their attempts and logs
 * (each carries its own business_id) and the batch's audit event commit together. Every write
 * repeats the orphan condition; if a run changed since it was checked, the batch rolls back.
 */
export async function assignOrphans({
  db,
  runIds,
  business,
  batchSize,
  shouldStop,
  onBatch,
}: {
  db: MaintenanceDb;
  runIds: string[];
  business: BusinessChoice;
  batchSize: number;
  shouldStop: () => boolean;
  onBatch: (batch: AssignedBatch) => void;
}): Promise<AssignmentOutcome> {
  let assignedRuns = 0;
  let batches = 0;
  for (const ids of chunks(runIds, batchSize)) {
    await letSignalsArrive();
    if (shouldStop()) return { assignedRuns, batches, stopped: true };
    const batchNumber = batches + 1;
    await db.$transaction((tx) => assignBatch({ tx, runIds: ids, business, batchNumber }), BATCH_TRANSACTION_OPTIONS);
    batches = batchNumber;
    assignedRuns += ids.length;
    onBatch({ batch: batchNumber, runIds: ids, assignedRuns });
  }
  return { assignedRuns, batches, stopped: false };
}

async function assignBatch({
  tx,
  runIds,
  business,
  batchNumber,
}: {
  tx: MaintenanceTx;
  runIds: string[];
  business: BusinessChoice;
  batchNumber: number;
}): Promise<void> {
  // Checked again inside the transaction: the business may have been suspended since the start.
  const stillActive = await tx.business.count({ where: { id: business.id, status: "active" } });
  if (stillActive === 0) throw new RefusedError(`Business ${business.slug} is no longer active; batch ${batchNumber} was rolled back.`);
  if ((await findForeignAttachments({ db: tx, runIds, businessId: business.id })).length > 0) {
    throw new RefusedError(`A run of batch ${batchNumber} gained attachments of another business; the batch was rolled back.`);
  }

  const keyed = await tx.jobRun.findMany({
    where: { id: { in: runIds }, idempotencyKey: { not: null }, ...orphanWhere() },
    select: { id: true, idempotencyKey: true, triggerSource: true },
  });
  let updated = 0;
  // The dedupe key is namespaced by business, so runs carrying an idempotency key are re-keyed one by one.
  for (const run of keyed) {
    const { count } = await tx.jobRun.updateMany({
      where: { id: run.id, ...orphanWhere() },
      data: { businessId: business.id, dedupeKey: dedupeKeyFor({ businessId: business.id, idempotencyKey: run.idempotencyKey!, triggerSource: run.triggerSource }) },
    });
    updated += count;
  }
  const keyedIds = new Set(keyed.map((run) => run.id));
  const plain = runIds.filter((id) => !keyedIds.has(id));
  if (plain.length > 0) {
    const { count } = await tx.jobRun.updateMany({ where: { id: { in: plain }, ...orphanWhere() }, data: { businessId: business.id } });
    updated += count;
  }
  if (updated !== runIds.length) throw new RunsChangedError(runIds.length, updated);

  const attempts = await tx.jobRunAttempt.updateMany({ where: { runId: { in: runIds } }, data: { businessId: business.id } });
  const logs = await tx.jobRunLog.updateMany({ where: { runId: { in: runIds } }, data: { businessId: business.id } });
  await recordAudit(tx, {
    actor: { type: "cli" },
    businessId: business.id,
    action: "orphans.assigned",
    targetId: runIds.length === 1 ? runIds[0] : undefined,
    details: { batch: batchNumber, businessSlug: business.slug, runs: runIds.length, runIds, attempts: attempts.count, logs: logs.count },
  });
}

type AttachmentReader = Pick<MaintenanceDb, "attachment">;

/** An attachment stays in its own business's storage, so a run holding another business's files cannot move. */
async function findForeignAttachments({
  db,
  runIds,
  businessId,
}: {
  db: AttachmentReader;
  runIds: string[];
  businessId: string;
}): Promise<RefusedRun[]> {
  const foreign = await db.attachment.findMany({
    where: { runId: { in: runIds }, businessId: { not: businessId } },
    select: { runId: true },
    distinct: ["runId"],
  });
  return foreign.flatMap((attachment) =>
    attachment.runId ? [{ id: attachment.runId, reason: "has attachments of another business" }] : [],
  );
}

async function findKeyCollisions({
  db,
  runs,
  businessId,
}: {
  db: MaintenanceDb;
  runs: { id: string; idempotencyKey: string | null; triggerSource: string }[];
  businessId: string;
}): Promise<RefusedRun[]> {
  const refused: RefusedRun[] = [];
  const wanted = new Map<string, string>();
  for (const run of runs) {
    if (!run.idempotencyKey) continue;
    const dedupeKey = dedupeKeyFor({ businessId, idempotencyKey: run.idempotencyKey, triggerSource: run.triggerSource });
    if (wanted.has(dedupeKey)) refused.push({ id: run.id, reason: "another chosen run has the same idempotency key" });
    else wanted.set(dedupeKey, run.id);
  }
  if (wanted.size === 0) return refused;
  const taken = await db.jobRun.findMany({ where: { dedupeKey: { in: [...wanted.keys()] } }, select: { dedupeKey: true } });
  for (const { dedupeKey } of taken) {
    const id = dedupeKey ? wanted.get(dedupeKey) : undefined;
    if (id) refused.push({ id, reason: "its idempotency key is already used by a run of this business" });
  }
  return refused;
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let index = 0; index < items.length; index += size) result.push(items.slice(index, index + size));
  return result;
}
