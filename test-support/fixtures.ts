import { randomUUID } from "node:crypto";
import type { Prisma } from "../lib/db/sql";
import type { Actor } from "../lib/tenancy/actor";
import { ALL_BUSINESSES, scopedDb } from "../lib/tenancy";

export { waitFor } from "./wait-for";

const db = () => scopedDb(ALL_BUSINESSES);

export async function createBusiness(
  options: { name?: string; status?: string; maxConcurrentRuns?: number | null; artifactRetentionDays?: number; artifactKeepLatest?: number | null } = {},
) {
  const suffix = randomUUID().slice(0, 8);
  return db().business.create({
    data: {
      name: options.name ?? `Business ${suffix}`,
      slug: `${(options.name ?? "business").toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${suffix}`,
      status: options.status ?? "active",
      maxConcurrentRuns: options.maxConcurrentRuns ?? null,
      artifactRetentionDays: options.artifactRetentionDays ?? 90,
      artifactKeepLatest: options.artifactKeepLatest ?? null,
    },
  });
}

export async function createUser({
  memberships = [],
  isSystemAdmin = false,
}: { memberships?: { businessId: string; role: "admin" | "member" }[]; isSystemAdmin?: boolean } = {}) {
  const user = await db().user.create({
    data: { email: `${randomUUID()}@example.test`, name: "Test User", passwordHash: "x", isSystemAdmin },
  });
  for (const membership of memberships) await db().membership.create({ data: { userId: user.id, ...membership } });
  return user;
}

/** An Actor as the API gate would build it, for calling services directly. */
export function actorFor(user: { id: string; email: string; name: string; isSystemAdmin: boolean }, businessId?: string): Actor {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    isSystemAdmin: user.isSystemAdmin,
    memberships: businessId ? [{ businessId, businessName: "", businessSlug: "", businessStatus: "active", role: "admin" }] : [],
  };
}

export interface QueueRunOptions {
  businessId: string | null;
  jobType: string;
  params?: Record<string, unknown>;
  scope?: "tenant" | "system";
  priority?: number;
  runAt?: Date;
  createdAt?: Date;
  maxAttempts?: number;
  triggeredByUserId?: string | null;
}

export async function queueRun(options: QueueRunOptions) {
  return db().jobRun.create({
    data: {
      businessId: options.businessId,
      scope: options.scope ?? (options.businessId ? "tenant" : "system"),
      jobType: options.jobType,
      params: (options.params ?? {}) as Prisma.InputJsonObject,
      priority: options.priority ?? 0,
      maxAttempts: options.maxAttempts ?? 3,
      triggeredByUserId: options.triggeredByUserId ?? null,
      triggerSource: "api",
      ...(options.runAt ? { runAt: options.runAt } : {}),
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    },
  });
}

export async function readRun(id: string) {
  return db().jobRun.findUniqueOrThrow({ where: { id } });
}

export async function readAttempts(runId: string) {
  return db().jobRunAttempt.findMany({ where: { runId }, orderBy: { startedAt: "asc" } });
}

export async function readLogs(runId: string) {
  return db().jobRunLog.findMany({ where: { runId }, orderBy: { id: "asc" } });
}
