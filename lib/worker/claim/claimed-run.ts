import { Prisma } from "../../db/sql";
import type { RunStartFacts } from "./start-facts";

/** A run this worker holds a lease on: it may execute it and settle it with `leaseId`. */
export interface ClaimedRun {
  id: string;
  businessId: string | null;
  scope: "tenant" | "system";
  jobType: string;
  params: unknown;
  attempt: number;
  maxAttempts: number;
  leaseId: string;
  workerId: string;
  triggeredByUserId: string | null;
  idempotencyKey: string | null;
  parentRunId: string | null;
  createdAt: Date;
  /** When the run became due; with startedAt, how long it waited in the queue. */
  runAt: Date;
  startedAt: Date;
  /** The start checks' facts, when the claim read them with the lease (see readStartFacts). */
  startFacts?: RunStartFacts;
}

/** Columns every statement that hands out a lease returns. */
export const RUN_COLUMNS = Prisma.raw(
  [
    "id",
    "business_id",
    "scope",
    "job_type",
    "params",
    "attempt",
    "max_attempts",
    "lease_id",
    "locked_by",
    "triggered_by_user_id",
    "idempotency_key",
    "parent_run_id",
    "created_at",
    "run_at",
    "started_at",
  ].join(", "),
);

export interface RunRow {
  id: string;
  business_id: string | null;
  scope: string;
  job_type: string;
  params: unknown;
  attempt: number | bigint;
  max_attempts: number | bigint;
  lease_id: string;
  locked_by: string;
  triggered_by_user_id: string | null;
  idempotency_key: string | null;
  parent_run_id: string | null;
  created_at: Date;
  run_at: Date;
  started_at: Date;
}

export function toClaimedRun(row: RunRow): ClaimedRun {
  return {
    id: row.id,
    businessId: row.business_id,
    scope: row.scope === "system" ? "system" : "tenant",
    jobType: row.job_type,
    params: typeof row.params === "string" ? JSON.parse(row.params) : row.params,
    attempt: Number(row.attempt),
    maxAttempts: Number(row.max_attempts),
    leaseId: row.lease_id,
    workerId: row.locked_by,
    triggeredByUserId: row.triggered_by_user_id,
    idempotencyKey: row.idempotency_key,
    parentRunId: row.parent_run_id,
    createdAt: new Date(row.created_at),
    runAt: new Date(row.run_at),
    startedAt: new Date(row.started_at),
  };
}
