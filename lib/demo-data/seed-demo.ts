import { hashPassword } from "../auth/password";
import type { Db } from "../db/client";
import { inAccess } from "../db/database-access";
import { demoSystemRuns, demoTenantRuns, type SeedRun } from "./demo-runs";
import { BIRCH_CANARY, DEMO_BUSINESSES, DEMO_PASSWORD, DEMO_USERS } from "./demo-users";
import { seededRandom } from "./random";

const RUNS_PER_BUSINESS: Record<string, number> = { acme: 320, birch: 260 };

/**
 * Demo businesses, users and run history. Safe to run again: rows are matched by slug and email,
 * and a business's history (and the orphan and system runs) are only generated when absent.
 */
export function seedDemo(db: Db, options: { now?: number } = {}) {
  // Demo data spans every business, the system and orphans.
  return inAccess({ kind: "all", reason: "demo data seeding" }, () => seedAll(db, options));
}

async function seedAll(db: Db, { now = Date.now() }: { now?: number }) {
  const random = seededRandom(20261123);
  const businesses = new Map<string, string>();
  for (const business of DEMO_BUSINESSES) {
    const row = await db.business.upsert({ where: { slug: business.slug }, update: {}, create: { ...business } });
    businesses.set(business.slug, row.id);
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    const row = await db.user.upsert({
      where: { email: user.email },
      update: {},
      create: { email: user.email, name: user.name, isSystemAdmin: user.isSystemAdmin, passwordHash },
    });
    for (const membership of user.memberships) {
      const businessId = businesses.get(membership.slug)!;
      await db.membership.upsert({
        where: { userId_businessId: { userId: row.id, businessId } },
        update: {},
        create: { userId: row.id, businessId, role: membership.role },
      });
    }
  }

  let inserted = 0;
  for (const [slug, businessId] of businesses) {
    if (await db.jobRun.count({ where: { businessId } })) continue;
    const marker = slug === "birch" ? BIRCH_CANARY : undefined;
    inserted += await insertRuns(db, demoTenantRuns({ random, businessId, count: RUNS_PER_BUSINESS[slug] ?? 100, now, marker }));
  }
  if (!(await db.jobRun.count({ where: { businessId: null } }))) {
    // Orphans are history from before multi-tenancy: all finished, none waiting for a worker.
    const orphans = demoTenantRuns({ random, businessId: null, count: 8, now: now - 40 * 24 * 3600_000, activeRuns: 0 });
    inserted += await insertRuns(db, [...orphans, ...demoSystemRuns({ random, count: 6, now })]);
  }
  return { businesses: businesses.size, users: DEMO_USERS.length, runsInserted: inserted };
}

async function insertRuns(db: Db, runs: SeedRun[]): Promise<number> {
  await db.$transaction([
    db.jobRun.createMany({ data: runs.map((run) => ({ ...run, params: run.params as object, result: (run.result ?? undefined) as object | undefined })) }),
    db.jobRunAttempt.createMany({
      data: runs
        .filter((run) => run.startedAt)
        .flatMap((run) =>
          Array.from({ length: run.attempt }, (_, index) => {
            const last = index === run.attempt - 1;
            return {
              runId: run.id,
              businessId: run.businessId,
              attempt: index + 1,
              workerId: "worker-demo",
              leaseId: `demo-${run.id}-${index + 1}`,
              status: last ? attemptStatus(run.status) : "failed",
              startedAt: run.startedAt!,
              finishedAt: last ? run.finishedAt : run.startedAt,
              errorMessage: last ? run.errorMessage : "Temporary failure; retried",
            };
          }),
        ),
    }),
    db.jobRunLog.createMany({
      data: runs
        .filter((run) => run.startedAt)
        .map((run) => ({
          runId: run.id,
          businessId: run.businessId,
          attempt: Math.max(run.attempt, 1),
          level: run.status === "failed" ? "error" : "info",
          message: run.status === "failed" ? (run.errorMessage ?? "Failed") : `Started ${run.jobType}`,
          createdAt: run.startedAt!,
        })),
    }),
  ]);
  return runs.length;
}

function attemptStatus(runStatus: string): string {
  return runStatus === "queued" ? "released" : runStatus;
}
