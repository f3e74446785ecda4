/**
 * The columns the generator writes, per table, in one place for both databases. Times are epoch
 * milliseconds (SQLite stores them so; PostgreSQL gets timestamptz), JSON is already serialized.
 */
export type ColumnKind = "text" | "int" | "float" | "bool" | "time" | "json";

export interface TableSpec<Row> {
  name: string;
  columns: readonly { name: string; kind: ColumnKind; value: (row: Row) => string | number | boolean | null }[];
}

export interface BusinessRow {
  id: string;
  name: string;
  slug: string;
  createdAt: number;
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  isSystemAdmin: boolean;
  createdAt: number;
}

export interface MembershipRow {
  id: string;
  userId: string;
  businessId: string;
  role: "admin" | "member";
  createdAt: number;
}

export interface RunRow {
  id: string;
  businessId: string | null;
  scope: "tenant" | "system";
  jobType: string;
  status: string;
  params: string;
  result: string | null;
  errorMessage: string | null;
  errorStack: string | null;
  attempt: number;
  maxAttempts: number;
  priority: number;
  runAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  heartbeatAt: number | null;
  lockedBy: string | null;
  leaseId: string | null;
  progress: number | null;
  tags: string;
  idempotencyKey: string | null;
  dedupeKey: string | null;
  triggeredByUserId: string | null;
  triggerSource: string;
  claimSeq: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface AttemptRow {
  id: string;
  runId: string;
  businessId: string | null;
  attempt: number;
  workerId: string;
  leaseId: string;
  status: string;
  startedAt: number;
  finishedAt: number | null;
  errorMessage: string | null;
}

export interface LogRow {
  runId: string;
  businessId: string | null;
  attempt: number;
  level: string;
  message: string;
  createdAt: number;
}

export interface AuditRow {
  id: string;
  actorType: string;
  actorUserId: string | null;
  businessId: string | null;
  action: string;
  targetId: string;
  details: string;
  createdAt: number;
}

export const BUSINESSES: TableSpec<BusinessRow> = {
  name: "businesses",
  columns: [
    { name: "id", kind: "text", value: (r) => r.id },
    { name: "name", kind: "text", value: (r) => r.name },
    { name: "slug", kind: "text", value: (r) => r.slug },
    { name: "status", kind: "text", value: () => "active" },
    { name: "created_at", kind: "time", value: (r) => r.createdAt },
  ],
};

export const USERS: TableSpec<UserRow> = {
  name: "users",
  columns: [
    { name: "id", kind: "text", value: (r) => r.id },
    { name: "email", kind: "text", value: (r) => r.email },
    { name: "name", kind: "text", value: (r) => r.name },
    { name: "password_hash", kind: "text", value: (r) => r.passwordHash },
    { name: "is_system_admin", kind: "bool", value: (r) => r.isSystemAdmin },
    { name: "created_at", kind: "time", value: (r) => r.createdAt },
  ],
};

export const MEMBERSHIPS: TableSpec<MembershipRow> = {
  name: "memberships",
  columns: [
    { name: "id", kind: "text", value: (r) => r.id },
    { name: "user_id", kind: "text", value: (r) => r.userId },
    { name: "business_id", kind: "text", value: (r) => r.businessId },
    { name: "role", kind: "text", value: (r) => r.role },
    { name: "created_at", kind: "time", value: (r) => r.createdAt },
  ],
};

export const JOB_RUNS: TableSpec<RunRow> = {
  name: "job_runs",
  columns: [
    { name: "id", kind: "text", value: (r) => r.id },
    { name: "business_id", kind: "text", value: (r) => r.businessId },
    { name: "scope", kind: "text", value: (r) => r.scope },
    { name: "job_type", kind: "text", value: (r) => r.jobType },
    { name: "status", kind: "text", value: (r) => r.status },
    { name: "params", kind: "json", value: (r) => r.params },
    { name: "result", kind: "json", value: (r) => r.result },
    { name: "error_message", kind: "text", value: (r) => r.errorMessage },
    { name: "error_stack", kind: "text", value: (r) => r.errorStack },
    { name: "attempt", kind: "int", value: (r) => r.attempt },
    { name: "max_attempts", kind: "int", value: (r) => r.maxAttempts },
    { name: "priority", kind: "int", value: (r) => r.priority },
    { name: "run_at", kind: "time", value: (r) => r.runAt },
    { name: "started_at", kind: "time", value: (r) => r.startedAt },
    { name: "finished_at", kind: "time", value: (r) => r.finishedAt },
    { name: "heartbeat_at", kind: "time", value: (r) => r.heartbeatAt },
    { name: "locked_by", kind: "text", value: (r) => r.lockedBy },
    { name: "lease_id", kind: "text", value: (r) => r.leaseId },
    { name: "progress", kind: "float", value: (r) => r.progress },
    { name: "tags", kind: "text", value: (r) => r.tags },
    { name: "idempotency_key", kind: "text", value: (r) => r.idempotencyKey },
    { name: "dedupe_key", kind: "text", value: (r) => r.dedupeKey },
    { name: "triggered_by_user_id", kind: "text", value: (r) => r.triggeredByUserId },
    { name: "trigger_source", kind: "text", value: (r) => r.triggerSource },
    { name: "claim_seq", kind: "int", value: (r) => r.claimSeq },
    { name: "created_at", kind: "time", value: (r) => r.createdAt },
    { name: "updated_at", kind: "time", value: (r) => r.updatedAt },
  ],
};

export const JOB_RUN_ATTEMPTS: TableSpec<AttemptRow> = {
  name: "job_run_attempts",
  columns: [
    { name: "id", kind: "text", value: (r) => r.id },
    { name: "run_id", kind: "text", value: (r) => r.runId },
    { name: "business_id", kind: "text", value: (r) => r.businessId },
    { name: "attempt", kind: "int", value: (r) => r.attempt },
    { name: "worker_id", kind: "text", value: (r) => r.workerId },
    { name: "lease_id", kind: "text", value: (r) => r.leaseId },
    { name: "status", kind: "text", value: (r) => r.status },
    { name: "started_at", kind: "time", value: (r) => r.startedAt },
    { name: "finished_at", kind: "time", value: (r) => r.finishedAt },
    { name: "error_message", kind: "text", value: (r) => r.errorMessage },
  ],
};

export const JOB_RUN_LOGS: TableSpec<LogRow> = {
  name: "job_run_logs",
  columns: [
    { name: "run_id", kind: "text", value: (r) => r.runId },
    { name: "business_id", kind: "text", value: (r) => r.businessId },
    { name: "attempt", kind: "int", value: (r) => r.attempt },
    { name: "level", kind: "text", value: (r) => r.level },
    { name: "message", kind: "text", value: (r) => r.message },
    { name: "created_at", kind: "time", value: (r) => r.createdAt },
  ],
};

export const AUDIT_EVENTS: TableSpec<AuditRow> = {
  name: "audit_events",
  columns: [
    { name: "id", kind: "text", value: (r) => r.id },
    { name: "actor_type", kind: "text", value: (r) => r.actorType },
    { name: "actor_user_id", kind: "text", value: (r) => r.actorUserId },
    { name: "business_id", kind: "text", value: (r) => r.businessId },
    { name: "action", kind: "text", value: (r) => r.action },
    { name: "target_id", kind: "text", value: (r) => r.targetId },
    { name: "details", kind: "json", value: (r) => r.details },
    { name: "created_at", kind: "time", value: (r) => r.createdAt },
  ],
};
