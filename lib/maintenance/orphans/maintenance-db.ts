import type { Prisma } from "../../db/sql";
import { ALL_BUSINESSES, scopedDb, type ScopedDb } from "../../tenancy";

export type MaintenanceDb = ScopedDb;

type InteractiveTransaction = Extract<Parameters<MaintenanceDb["$transaction"]>[0], (...args: never[]) => unknown>;
export type MaintenanceTx = Parameters<InteractiveTransaction>[0];

/** Orphan maintenance looks across every business by design, so it uses the sanctioned all-businesses scope. */
export function openMaintenanceDb(): MaintenanceDb {
  return scopedDb(ALL_BUSINESSES);
}

/**
 * A tenant run without a business. System runs have no business either and are told apart only
 * by their scope, so every query that may change a run repeats both conditions.
 */
export function orphanWhere({ createdBefore }: { createdBefore?: Date } = {}): Prisma.JobRunWhereInput {
  return { scope: "tenant", businessId: null, ...(createdBefore ? { createdAt: { lt: createdBefore } } : {}) };
}

/** Oldest first, with the id as tie-breaker, so batches and listings are repeatable. */
export const OLDEST_FIRST: Prisma.JobRunOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];

// Long enough for a batch of the largest allowed size on a busy database, short enough that a
// stuck batch is rolled back instead of holding locks indefinitely.
export const BATCH_TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 60_000 } as const;

export interface OrphanRow {
  id: string;
  jobType: string;
  status: string;
  createdAt: Date;
}

export const ORPHAN_ROW_SELECT = { id: true, jobType: true, status: true, createdAt: true } as const;
