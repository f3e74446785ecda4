import { randomUUID } from "node:crypto";
import { getDb } from "../db";
import { inAccess } from "../db/database-access";
import { prepared } from "../db/postgres/prepared-statements";
import { Prisma } from "../db/sql";
import type { Scope } from "./scope";
import { databaseAccess, type ScopedDb } from "./scoped-db";
import { ScopeViolationError } from "./scope-violation";

type JobRun = Awaited<ReturnType<ScopedDb["jobRun"]["create"]>>;

export interface QueuedRunInsert {
  businessId: string | null;
  scope: "tenant" | "system";
  jobType: string;
  params: unknown;
  maxAttempts: number;
  priority: number;
  runAt: Date | null;
  idempotencyKey: string | null;
  dedupeKey: string | null;
  triggeredByUserId: string | null;
  triggerSource: string;
  parentRunId: string | null;
  tags: string;
  audit: { actorType: string; actorUserId: string | null; action: string; details: Record<string, unknown> };
}

export type QueuedRunOutcome =
  | { kind: "created"; row: JobRun }
  /** The business does not exist (status null) or does not take runs (its status). Nothing was written. */
  | { kind: "refused"; businessStatus: string | null }
  /** Another run already holds the dedupe key. Nothing was written. */
  | { kind: "duplicate" };

// The run's columns under the model's field names, so the row reads like the one Prisma returns.
const RUN_FIELDS = Prisma.raw(
  [
    ["id", "id"],
    ["business_id", "businessId"],
    ["scope", "scope"],
    ["job_type", "jobType"],
    ["status", "status"],
    ["params", "params"],
    ["result", "result"],
    ["error_message", "errorMessage"],
    ["error_stack", "errorStack"],
    ["attempt", "attempt"],
    ["max_attempts", "maxAttempts"],
    ["priority", "priority"],
    ["run_at", "runAt"],
    ["started_at", "startedAt"],
    ["finished_at", "finishedAt"],
    ["heartbeat_at", "heartbeatAt"],
    ["locked_by", "lockedBy"],
    ["lease_id", "leaseId"],
    ["progress", "progress"],
    ["progress_message", "progressMessage"],
    ["tags", "tags"],
    ["idempotency_key", "idempotencyKey"],
    ["dedupe_key", "dedupeKey"],
    ["triggered_by_user_id", "triggeredByUserId"],
    ["trigger_source", "triggerSource"],
    ["parent_run_id", "parentRunId"],
    ["claim_seq", "claimSeq"],
    ["created_at", "createdAt"],
    ["updated_at", "updatedAt"],
  ]
    .map(([column, field]) => `${column} AS "${field}"`)
    .join(", "),
);

/**
 * PostgreSQL: queues a run in one statement — the business check, the insert and its audit record
 * — where a transaction took five round trips, since a trigger's latency starts with this write.
 * A business scope may queue runs of its own business only; row-level security checks it again.
 */
export async function insertQueuedRun(scope: Scope, input: QueuedRunInsert): Promise<QueuedRunOutcome> {
  if (scope.kind === "business" && input.businessId !== scope.businessId) {
    throw new ScopeViolationError("a run of another business");
  }
  const { businessId, audit } = input;
  const runAt = Prisma.sql`COALESCE(CAST(${input.runAt} AS TIMESTAMPTZ), now())`;
  const [outcome] = await inAccess(databaseAccess(scope), () =>
    getDb().$queryRaw<({ businessStatus: string | null; created: boolean } & JobRun)[]>(prepared(Prisma.sql`
      WITH business AS (
        SELECT status FROM businesses WHERE id = ${businessId}
      ),
      inserted AS (
        INSERT INTO job_runs (
          id, business_id, scope, job_type, params, max_attempts, priority, run_at, idempotency_key, dedupe_key,
          triggered_by_user_id, trigger_source, parent_run_id, tags, created_at, updated_at
        )
        SELECT ${randomUUID()}, ${businessId}, ${input.scope}, ${input.jobType}, CAST(${JSON.stringify(input.params ?? {})} AS JSONB),
          ${input.maxAttempts}, ${input.priority}, ${runAt}, ${input.idempotencyKey}, ${input.dedupeKey},
          ${input.triggeredByUserId}, ${input.triggerSource}, ${input.parentRunId}, ${input.tags}, now(), now()
        WHERE CAST(${businessId} AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM business WHERE status = 'active')
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING ${RUN_FIELDS}
      ),
      audited AS (
        INSERT INTO audit_events (id, actor_type, actor_user_id, business_id, action, target_id, details, created_at)
        SELECT ${randomUUID()}, ${audit.actorType}, ${audit.actorUserId}, ${businessId}, ${audit.action}, inserted.id,
          CAST(${JSON.stringify(audit.details)} AS JSONB), now()
        FROM inserted
      )
      SELECT (SELECT status FROM business) AS "businessStatus", inserted.id IS NOT NULL AS created, inserted.*
      FROM (SELECT 1) AS one LEFT JOIN inserted ON true`)),
  );
  if (!outcome) throw new Error("The run could not be queued");
  if (outcome.created) {
    const { businessStatus: _status, created: _created, ...row } = outcome;
    return { kind: "created", row: row as JobRun };
  }
  if (businessId !== null && outcome.businessStatus !== "active") return { kind: "refused", businessStatus: outcome.businessStatus };
  return { kind: "duplicate" };
}
