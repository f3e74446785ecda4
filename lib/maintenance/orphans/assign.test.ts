import { describe, expect, it } from "vitest";
import { Prisma } from "../../db/sql";
import type { TestClient } from "../../../test-support/test-client";
import { runCli } from "../../../test-support/orphans/cli-harness";
import { auditEvents, businessId, count, fullSnapshot, insertAttachment, orphanIds, runs } from "../../../test-support/orphans/database-state";
import { useDemoTemplate } from "../../../test-support/orphans/demo-template";

const { freshDatabase } = useDemoTemplate();

function childrenOf(db: TestClient, table: "job_run_attempts" | "job_run_logs" | "job_run_tags", runIds: string[]) {
  return db.$queryRaw<{ business_id: string | null }[]>(
    Prisma.sql`SELECT business_id FROM ${Prisma.raw(table)} WHERE run_id IN (${Prisma.join(runIds)})`,
  );
}

describe("orphans assign", () => {
  it("assigns the given orphans with their attempts, logs and tags, audited, and leaves the other orphans alone", async () => {
    const { database, db } = await freshDatabase();
    const acme = await businessId(db, "acme");
    const orphans = await orphanIds(db);
    const chosen = orphans.slice(0, 3);
    await db.jobRun.updateMany({ where: { id: { in: chosen } }, data: { tags: ",nightly,priority," } });
    const othersBefore = await runs(db, { id: { notIn: chosen } });
    expect((await childrenOf(db, "job_run_attempts", chosen)).length).toBeGreaterThan(0);

    const result = await runCli({ args: ["assign", "--business", "acme", "--ids", chosen.join(","), "--yes", "--batch-size", "2"], database });

    expect(result.code).toBe(0);
    expect(await runs(db, { businessId: acme, id: { in: chosen } })).toHaveLength(3);
    for (const table of ["job_run_attempts", "job_run_logs", "job_run_tags"] as const) {
      const rows = await childrenOf(db, table, chosen);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.business_id === acme)).toBe(true);
    }
    expect(await runs(db, { id: { notIn: chosen } })).toEqual(othersBefore);
    expect(await orphanIds(db)).toEqual(orphans.filter((id) => !chosen.includes(id)));

    const audit = await auditEvents(db, "orphans.assigned");
    expect(audit).toHaveLength(2);
    for (const event of audit) expect(event).toMatchObject({ actorType: "cli", businessId: acme });
    expect(audit.flatMap((event) => event.details.runIds).sort()).toEqual([...chosen].sort());
  });

  it("assigns every orphan with --all, found by business id, and never a system run", async () => {
    const { database, db } = await freshDatabase();
    const birch = await businessId(db, "birch");
    const orphans = await orphanIds(db);
    const systemRuns = await runs(db, { scope: "system" });

    const result = await runCli({ args: ["assign", "--business", birch, "--all", "--yes"], database });

    expect(result.code).toBe(0);
    expect(await orphanIds(db)).toEqual([]);
    expect(await runs(db, { scope: "system" })).toEqual(systemRuns);
    expect(systemRuns.every((run) => run.businessId === null)).toBe(true);
    expect((await auditEvents(db, "orphans.assigned")).flatMap((event) => event.details.runIds).sort()).toEqual(orphans);
    expect(await count(db, Prisma.sql`SELECT COUNT(*) FROM job_runs WHERE business_id = ${birch} AND id IN (${Prisma.join(orphans)})`)).toBe(
      orphans.length,
    );
  });

  it("refuses system runs, runs of a business and unknown ids, and changes nothing at all", async () => {
    const { database, db } = await freshDatabase();
    const [orphan] = await orphanIds(db);
    const [systemRun] = await runs(db, { scope: "system" });
    const [birchRun] = await runs(db, { businessId: await businessId(db, "birch") });
    if (!orphan || !systemRun || !birchRun) throw new Error("demo data is missing a kind of run");
    const before = await fullSnapshot(db);

    const ids = [orphan, systemRun.id, birchRun.id, "no-such-run"];
    const result = await runCli({ args: ["assign", "--business", "acme", "--ids", ids.join(","), "--yes"], database });

    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${systemRun.id}: system run`);
    expect(result.stderr).toContain(`${birchRun.id}: not an orphan: belongs to business birch`);
    expect(result.stderr).toContain("no-such-run: no such run");
    expect(result.stderr).not.toContain(`${orphan}:`);
    expect(await fullSnapshot(db)).toBe(before);
  });

  it("refuses an orphan holding attachments of another business", async () => {
    const { database, db } = await freshDatabase();
    const [orphan] = await orphanIds(db);
    if (!orphan) throw new Error("demo data has no orphan");
    await insertAttachment(db, { id: "att-birch", businessId: await businessId(db, "birch"), runId: orphan, storageKey: "x.csv" });
    const before = await fullSnapshot(db);

    const result = await runCli({ args: ["assign", "--business", "acme", "--ids", orphan, "--yes"], database });

    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${orphan}: has attachments of another business`);
    expect(await fullSnapshot(db)).toBe(before);
  });

  it("re-keys idempotency keys into the business and refuses a key the business already uses", async () => {
    const { database, db } = await freshDatabase();
    const acme = await businessId(db, "acme");
    const [clashing, fresh] = await orphanIds(db);
    const [acmeRun] = await runs(db, { businessId: acme });
    if (!clashing || !fresh || !acmeRun) throw new Error("demo data is missing a kind of run");
    const setKey = (id: string, idempotencyKey: string, dedupeKey: string | null) =>
      db.jobRun.update({ where: { id }, data: { idempotencyKey, dedupeKey, triggerSource: "api" } });
    await setKey(acmeRun.id, "nightly", `${acme}:user:nightly`);
    await setKey(clashing, "nightly", null);
    await setKey(fresh, "weekly", null);
    const before = await fullSnapshot(db);

    const refused = await runCli({ args: ["assign", "--business", "acme", "--ids", `${clashing},${fresh}`, "--yes"], database });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`${clashing}: its idempotency key is already used by a run of this business`);
    expect(await fullSnapshot(db)).toBe(before);

    const assigned = await runCli({ args: ["assign", "--business", "acme", "--ids", fresh, "--yes"], database });
    expect(assigned.code).toBe(0);
    expect(await db.jobRun.findUnique({ where: { id: fresh }, select: { businessId: true, dedupeKey: true } })).toEqual({
      businessId: acme,
      dedupeKey: `${acme}:user:weekly`,
    });
  });

  it("refuses an unknown business and changes nothing", async () => {
    const { database, db } = await freshDatabase();
    const before = await fullSnapshot(db);
    const result = await runCli({ args: ["assign", "--business", "nope", "--all", "--yes"], database });

    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`No business has the id or slug "nope"`);
    expect(await fullSnapshot(db)).toBe(before);
  });

  it("refuses a suspended business and changes nothing", async () => {
    const { database, db } = await freshDatabase();
    await db.business.update({ where: { slug: "birch" }, data: { status: "suspended" } });
    const before = await fullSnapshot(db);
    const result = await runCli({ args: ["assign", "--business", "birch", "--all", "--yes"], database });

    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Birch Clinic \(birch\) is suspended/);
    expect(await fullSnapshot(db)).toBe(before);
  });

  it("with --dry-run lists what would be assigned and changes nothing", async () => {
    const { database, db } = await freshDatabase();
    const before = await fullSnapshot(db);
    const orphans = await orphanIds(db);
    const result = await runCli({ args: ["assign", "--business", "acme", "--all", "--dry-run", "--limit", "100"], database });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Would assign ${orphans.length} orphaned runs to Acme Dental`);
    for (const id of orphans) expect(result.stdout).toContain(id);
    expect(await fullSnapshot(db)).toBe(before);
  });

  it.each([
    [["assign", "--business", "acme", "--all"], 3, /without --yes when not on a terminal/],
    [["assign", "--all", "--yes"], 2, /--business is required when not on a terminal/],
    [["assign", "--business", "acme", "--yes"], 2, /--ids or --all is required when not on a terminal/],
  ])("off a terminal, %j exits %i and changes nothing", async (args, code, message) => {
    const { database, db } = await freshDatabase();
    const before = await fullSnapshot(db);
    const result = await runCli({ args, database });

    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(await fullSnapshot(db)).toBe(before);
  });
});
