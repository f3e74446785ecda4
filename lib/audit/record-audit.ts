import type { ScopedDb } from "../tenancy/scoped-db";

export type AuditAction =
  | "run.triggered"
  | "run.cancelled"
  | "run.retried"
  | "orphans.deleted"
  | "orphans.assigned"
  | "schedule.fanned_out";

export interface AuditEntry {
  actor: { type: "user"; userId: string } | { type: "system" } | { type: "cli" };
  businessId: string | null;
  action: AuditAction;
  targetId?: string;
  details?: Record<string, unknown>;
}

type AuditWriter = Pick<ScopedDb, "auditEvent">;

function auditRow(entry: AuditEntry) {
  return {
    actorType: entry.actor.type,
    actorUserId: entry.actor.type === "user" ? entry.actor.userId : null,
    businessId: entry.businessId,
    action: entry.action,
    targetId: entry.targetId ?? null,
    details: (entry.details ?? {}) as object,
  };
}

/** Call with the transaction that makes the change, so the change and its record land together. */
export async function recordAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: auditRow(entry) });
}

/** Many records in one statement, one row each, for a change made to many targets at once. */
export async function recordAudits(tx: AuditWriter, entries: AuditEntry[]): Promise<void> {
  await tx.auditEvent.createMany({ data: entries.map(auditRow) });
}
