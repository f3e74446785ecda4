import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Prisma } from "../../db/sql";
import { runCli } from "../../../test-support/orphans/cli-harness";
import {
  auditEvents,
  businessId,
  count,
  fullSnapshot,
  insertAttachment,
  insertOrphans,
  NOT_ORPHANS,
  ORPHANS,
  orphanIds,
  runs,
} from "../../../test-support/orphans/database-state";
import { useDemoTemplate } from "../../../test-support/orphans/demo-template";

const DAY = 24 * 3600_000;
const { freshDatabase } = useDemoTemplate();

describe("orphans delete", () => {
  it("refuses without --yes when not on a terminal and changes nothing", async () => {
    const { database, db } = await freshDatabase();
    const before = await fullSnapshot(db);
    const result = await runCli({ args: ["delete"], database });

    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/without --yes when not on a terminal/);
    expect(await fullSnapshot(db)).toBe(before);
  });

  it("with --dry-run prints what would go and changes nothing", async () => {
    const { database, db } = await freshDatabase();
    const before = await fullSnapshot(db);
    const orphans = await orphanIds(db);
    const result = await runCli({ args: ["delete", "--dry-run", "--limit", "100"], database });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Would delete ${orphans.length} orphaned runs`);
    for (const id of orphans) expect(result.stdout).toContain(id);
    expect(await fullSnapshot(db)).toBe(before);
  });

  it("deletes every orphan with its attempts and logs, in audited batches, and nothing else", async () => {
    const { database, db } = await freshDatabase();
    const orphans = await orphanIds(db);
    const others = await runs(db, NOT_ORPHANS);
    const systemRuns = await runs(db, { scope: "system" });
    expect(systemRuns.length).toBeGreaterThan(0);
    expect(
      await count(db, Prisma.sql`SELECT COUNT(*) FROM job_run_attempts WHERE business_id IS NULL AND run_id IN (SELECT id FROM job_runs WHERE scope = 'tenant')`),
    ).toBeGreaterThan(0);
    const attemptsOfOthers = await db.jobRunAttempt.count({ where: { run: NOT_ORPHANS } });
    expect(await db.jobRunTag.count({ where: { businessId: null, run: ORPHANS } })).toBeGreaterThan(0);
    const tagsOfOthers = await db.jobRunTag.count({ where: { run: NOT_ORPHANS } });

    const result = await runCli({ args: ["delete", "--yes", "--batch-size", "3"], database });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${orphans.length} orphaned runs deleted in ${Math.ceil(orphans.length / 3)} batches`));
    expect(result.stdout).toMatch(/^batch 1: 3\//m);
    expect(await orphanIds(db)).toEqual([]);
    expect(await runs(db)).toEqual(others);
    const orphanChildren = (table: string) => Prisma.sql`SELECT COUNT(*) FROM ${Prisma.raw(table)} WHERE run_id NOT IN (SELECT id FROM job_runs)`;
    expect(await count(db, orphanChildren("job_run_attempts"))).toBe(0);
    expect(await count(db, orphanChildren("job_run_logs"))).toBe(0);
    expect(await count(db, orphanChildren("job_run_tags"))).toBe(0);
    expect(await count(db, Prisma.sql`SELECT COUNT(*) FROM job_run_attempts`)).toBe(attemptsOfOthers);
    expect(await db.jobRunTag.count()).toBe(tagsOfOthers);

    const audit = await auditEvents(db, "orphans.deleted");
    expect(audit).toHaveLength(Math.ceil(orphans.length / 3));
    for (const event of audit) {
      expect(event).toMatchObject({ actorType: "cli", actorUserId: null, businessId: null });
      expect(event.details.runs).toBe(event.details.runIds.length);
    }
    expect(audit.flatMap((event) => event.details.runIds).sort()).toEqual(orphans);
  });

  it("with --older-than keeps orphans created more recently", async () => {
    const { database, db } = await freshDatabase();
    await db.jobRun.deleteMany({ where: ORPHANS });
    const old = await insertOrphans(db, { count: 4, createdAt: Date.now() - 20 * DAY, prefix: "0ld00000-0000-4000-8000-" });
    const recent = await insertOrphans(db, { count: 3, createdAt: Date.now() - 2 * DAY, prefix: "9ecent00-0000-4000-8000-" });

    const result = await runCli({ args: ["delete", "--yes", "--older-than", "10"], database });

    expect(result.code).toBe(0);
    expect(await orphanIds(db)).toEqual(recent);
    const deleted = (await auditEvents(db, "orphans.deleted")).flatMap((event) => event.details.runIds);
    expect(deleted.sort()).toEqual(old);
  });

  it("removes the attachment rows and files of deleted runs and of no other run", async () => {
    const { database, db } = await freshDatabase();
    const acme = await businessId(db, "acme");
    const [orphan] = await orphanIds(db);
    const [acmeRun] = await runs(db, { businessId: acme });
    if (!orphan || !acmeRun) throw new Error("demo data has no orphan or no Acme run");
    const storeFile = (key: string) => {
      const file = path.join(database.storageDir, acme, key);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, "a,b");
      return file;
    };
    await insertAttachment(db, { id: "att-orphan", businessId: acme, runId: orphan, storageKey: "reports/orphan.csv" });
    await insertAttachment(db, { id: "att-acme", businessId: acme, runId: acmeRun.id, storageKey: "reports/acme.csv" });
    const orphanFile = storeFile("reports/orphan.csv");
    const acmeFile = storeFile("reports/acme.csv");

    const result = await runCli({ args: ["delete", "--yes"], database });

    expect(result.code).toBe(0);
    expect(await count(db, Prisma.sql`SELECT COUNT(*) FROM attachments WHERE id = 'att-orphan'`)).toBe(0);
    expect(existsSync(orphanFile)).toBe(false);
    expect(await count(db, Prisma.sql`SELECT COUNT(*) FROM attachments WHERE id = 'att-acme' AND run_id = ${acmeRun.id}`)).toBe(1);
    expect(existsSync(acmeFile)).toBe(true);
    const [event] = await auditEvents(db, "orphans.deleted");
    expect(event?.details).toMatchObject({ attachments: 1, attachmentIds: ["att-orphan"] });
  });

  it("says so and exits 0 when there is nothing to delete", async () => {
    const { database, db } = await freshDatabase();
    await db.jobRun.deleteMany({ where: ORPHANS });
    const before = await fullSnapshot(db);
    const result = await runCli({ args: ["delete", "--yes"], database });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No orphaned runs to delete");
    expect(await fullSnapshot(db)).toBe(before);
  });
});
