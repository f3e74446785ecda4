import { describe, expect, it } from "vitest";
import { Prisma } from "../../db/sql";
import { finished, startCli } from "../../../test-support/orphans/cli-harness";
import { auditEvents, count, insertOrphans, NOT_ORPHANS, orphanIds, runs } from "../../../test-support/orphans/database-state";
import { useDemoTemplate } from "../../../test-support/orphans/demo-template";

const { freshDatabase } = useDemoTemplate();

const BATCH_SIZE = 7;
const EXTRA_ORPHANS = 3000;

describe("orphans delete, interrupted", () => {
  it("stops after a whole batch on SIGINT, exits 130, and audits exactly what was deleted", async () => {
    const { database, db } = await freshDatabase();
    await insertOrphans(db, { count: EXTRA_ORPHANS, createdAt: Date.now() - 400 * 24 * 3600_000 });
    const orphansBefore = await orphanIds(db);
    const othersBefore = await runs(db, NOT_ORPHANS);
    // A batch size that does not divide the total, so the last batch would be short.
    expect(orphansBefore.length % BATCH_SIZE).not.toBe(0);

    const child = startCli({ args: ["delete", "--yes", "--batch-size", String(BATCH_SIZE), "--limit", "0"], database });
    const result = finished(child);
    await new Promise<void>((resolve) => {
      const onData = (chunk: Buffer | string) => {
        // Interrupt as soon as the second batch is reported, well before the last one.
        if (/^batch 2:/m.test(String(chunk))) {
          child.stdout.off("data", onData);
          child.kill("SIGINT");
          resolve();
        }
      };
      child.stdout.on("data", onData);
    });
    const { code, stderr } = await result;

    expect(code).toBe(130);
    expect(stderr).toMatch(/Interrupted: [\d,]+ orphaned runs deleted/);
    const remaining = await orphanIds(db);
    const deleted = orphansBefore.filter((id) => !remaining.includes(id));
    expect(deleted.length).toBeGreaterThanOrEqual(2 * BATCH_SIZE);
    expect(remaining.length).toBeGreaterThan(0);
    expect(deleted.length % BATCH_SIZE).toBe(0);

    const audit = await auditEvents(db, "orphans.deleted");
    expect(audit).toHaveLength(deleted.length / BATCH_SIZE);
    for (const event of audit) {
      expect(event.actorType).toBe("cli");
      expect(event.details.runIds).toHaveLength(BATCH_SIZE);
    }
    expect(audit.flatMap((event) => event.details.runIds).sort()).toEqual(deleted);
    expect(await runs(db, NOT_ORPHANS)).toEqual(othersBefore);
    const dangling = await count(db, Prisma.sql`SELECT COUNT(*) FROM job_run_logs WHERE run_id NOT IN (SELECT id FROM job_runs)`);
    expect(dangling).toBe(0);
  });
});
