import { runNotFound } from "../errors";
import { scopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { serializeRunsWithNames, userEmails } from "./run-names";
import { RunId } from "./schemas";
import { seesWorkerIds } from "./serialize";

const MAX_LOG_LINES = 1000;

/** Whether the scope holds a run with this id; a malformed id holds none. */
export async function jobRunExists({ scope, id }: { scope: Scope; id: string }): Promise<boolean> {
  const parsed = RunId.safeParse(id);
  return parsed.success && (await scopedDb(scope).jobRun.count({ where: { id: parsed.data } })) > 0;
}

/** A run with everything the detail page shows; another business's run is indistinguishable from none. */
export async function getJobRunDetail({ scope, id }: { scope: Scope; id: string }) {
  const db = scopedDb(scope);
  const run = await db.jobRun.findFirst({ where: { id } });
  if (!run) throw runNotFound();
  const [attempts, logs, attachments, audit, children] = await Promise.all([
    db.jobRunAttempt.findMany({ where: { runId: id }, orderBy: [{ startedAt: "asc" }, { attempt: "asc" }] }),
    db.jobRunLog.findMany({ where: { runId: id }, orderBy: { id: "desc" }, take: MAX_LOG_LINES }),
    db.attachment.findMany({ where: { runId: id }, orderBy: { createdAt: "desc" } }),
    db.auditEvent.findMany({ where: { targetId: id }, orderBy: { createdAt: "asc" } }),
    db.jobRun.findMany({
      where: { parentRunId: id },
      orderBy: { createdAt: "asc" },
      take: 200,
      select: { id: true, businessId: true, jobType: true, status: true },
    }),
  ]);
  const auditActors = await userEmails(db, audit.map((event) => event.actorUserId));
  return {
    run: (await serializeRunsWithNames(scope, db, [run]))[0]!,
    attempts: attempts.map((attempt) => ({
      attempt: attempt.attempt,
      workerId: seesWorkerIds(scope) ? attempt.workerId : null,
      status: attempt.status,
      startedAt: attempt.startedAt.toISOString(),
      finishedAt: attempt.finishedAt?.toISOString() ?? null,
      error: attempt.errorMessage ? { message: attempt.errorMessage, stack: attempt.errorStack } : null,
    })),
    logs: logs.reverse().map((line) => ({
      at: line.createdAt.toISOString(),
      attempt: line.attempt,
      level: line.level,
      message: line.message,
    })),
    attachments: attachments.map((attachment) => ({
      id: attachment.id,
      purpose: attachment.purpose,
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      size: attachment.size,
      sha256: attachment.sha256,
      createdAt: attachment.createdAt.toISOString(),
      downloadUrl: `/api/attachments/${attachment.id}`,
    })),
    audit: audit.map((event) => ({
      id: event.id,
      action: event.action,
      actorType: event.actorType,
      actorEmail: event.actorUserId ? (auditActors.get(event.actorUserId) ?? null) : null,
      at: event.createdAt.toISOString(),
      details: event.details,
    })),
    children,
  };
}
