import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runCli } from "./testing/cli-harness";
import { auditEvents, businessId, count, fullSnapshot, insertAttachment, orphanIds, runs } from "./testing/database-state";
import { useDemoTemplate } from "./testing/demo-template";

const { freshDatabase } = useDemoTemplate();

function childrenOf(db: Database.Database, table: "job_run_attempts" | "job_run_logs", runIds: string[]) {
  return db
    .prepare(`SELECT business_id FROM ${table} WHERE run_id IN (${runIds.map(() => "?").join(",")})`)
    .all(...runIds) as { business_id: string | null }[];
}

describe("orphans assign", () => {
  it("assigns the given orphans with their attempts and logs, audited, and leaves the other orphans alone", async () => {
    const { database, db } = freshDatabase();
    const acme = businessId(db, "acme");
    const orphans = orphanIds(db);
    const chosen = orphans.slice(0, 3);
    const othersBefore = runs(db, `id NOT IN (${chosen.map((id) => `'${id}'`).join(",")})`);
    expect(childrenOf(db, "job_run_attempts", chosen).length).toBeGreaterThan(0);

    const result = await runCli({ args: ["assign", "--business", "acme", "--ids", chosen.join(","), "--yes", "--batch-size", "2"], database });

    expect(result.code).toBe(0);
    expect(runs(db, `business_id = '${acme}' AND id IN (${chosen.map((id) => `'${id}'`).join(",")})`)).toHaveLength(3);
    for (const table of ["job_run_attempts", "job_run_logs"] as const) {
      const rows = childrenOf(db, table, chosen);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row.business_id === acme)).toBe(true);
    }
    expect(runs(db, `id NOT IN (${chosen.map((id) => `'${id}'`).join(",")})`)).toEqual(othersBefore);
    expect(orphanIds(db)).toEqual(orphans.filter((id) => !chosen.includes(id)));

    const audit = auditEvents(db, "orphans.assigned");
    expect(audit).toHaveLength(2);
    for (const event of audit) expect(event).toMatchObject({ actor_type: "cli", business_id: acme });
    expect(audit.flatMap((event) => event.details.runIds).sort()).toEqual([...chosen].sort());
  });

  it("assigns every orphan with --all, found by business id, and never a system run", async () => {
    const { database, db } = freshDatabase();
    const birch = businessId(db, "birch");
    const orphans = orphanIds(db);
    const systemRuns = runs(db, "scope = 'system'");

    const result = await runCli({ args: ["assign", "--business", birch, "--all", "--yes"], database });

    expect(result.code).toBe(0);
    expect(orphanIds(db)).toEqual([]);
    expect(runs(db, "scope = 'system'")).toEqual(systemRuns);
    expect(systemRuns.every((run) => run.business_id === null)).toBe(true);
    expect(auditEvents(db, "orphans.assigned").flatMap((event) => event.details.runIds).sort()).toEqual(orphans);
    expect(count(db, `SELECT COUNT(*) FROM job_runs WHERE business_id = ? AND id IN (${orphans.map(() => "?").join(",")})`, birch, ...orphans)).toBe(
      orphans.length,
    );
  });

  it("refuses system runs, runs of a business and unknown ids, and changes nothing at all", async () => {
    const { database, db } = freshDatabase();
    const [orphan] = orphanIds(db);
    const [systemRun] = runs(db, "scope = 'system'");
    const [birchRun] = runs(db, `business_id = '${businessId(db, "birch")}'`);
    if (!orphan || !systemRun || !birchRun) throw new Error("demo data is missing a kind of run");
    const before = fullSnapshot(db);

    const ids = [orphan, systemRun.id, birchRun.id, "no-such-run"];
    const result = await runCli({ args: ["assign", "--business", "acme", "--ids", ids.join(","), "--yes"], database });

    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${systemRun.id}: system run`);
    expect(result.stderr).toContain(`${birchRun.id}: not an orphan: belongs to business birch`);
    expect(result.stderr).toContain("no-such-run: no such run");
    expect(result.stderr).not.toContain(`${orphan}:`);
    expect(fullSnapshot(db)).toBe(before);
  });

  it("refuses an orphan holding attachments of another business", async () => {
    const { database, db } = freshDatabase();
    const [orphan] = orphanIds(db);
    if (!orphan) throw new Error("demo data has no orphan");
    insertAttachment(db, { id: "att-birch", businessId: businessId(db, "birch"), runId: orphan, storageKey: "x.csv" });
    const before = fullSnapshot(db);

    const result = await runCli({ args: ["assign", "--business", "acme", "--ids", orphan, "--yes"], database });

    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${orphan}: has attachments of another business`);
    expect(fullSnapshot(db)).toBe(before);
  });

  it("re-keys idempotency keys into the business and refuses a key the business already uses", async () => {
    const { database, db } = freshDatabase();
    const acme = businessId(db, "acme");
    const [clashing, fresh] = orphanIds(db);
    const [acmeRun] = runs(db, `business_id = '${acme}'`);
    if (!clashing || !fresh || !acmeRun) throw new Error("demo data is missing a kind of run");
    const setKey = db.prepare("UPDATE job_runs SET idempotency_key = ?, dedupe_key = ? WHERE id = ?");
    setKey.run("nightly", `${acme}:nightly`, acmeRun.id);
    setKey.run("nightly", null, clashing);
    setKey.run("weekly", null, fresh);
    const before = fullSnapshot(db);

    const refused = await runCli({ args: ["assign", "--business", "acme", "--ids", `${clashing},${fresh}`, "--yes"], database });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(`${clashing}: its idempotency key is already used by a run of this business`);
    expect(fullSnapshot(db)).toBe(before);

    const assigned = await runCli({ args: ["assign", "--business", "acme", "--ids", fresh, "--yes"], database });
    expect(assigned.code).toBe(0);
    expect(db.prepare("SELECT business_id, dedupe_key FROM job_runs WHERE id = ?").get(fresh)).toEqual({ business_id: acme, dedupe_key: `${acme}:weekly` });
  });

  it("refuses an unknown business and changes nothing", async () => {
    const { database, db } = freshDatabase();
    const before = fullSnapshot(db);
    const result = await runCli({ args: ["assign", "--business", "nope", "--all", "--yes"], database });

    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`No business has the id or slug "nope"`);
    expect(fullSnapshot(db)).toBe(before);
  });

  it("refuses a suspended business and changes nothing", async () => {
    const { database, db } = freshDatabase();
    db.prepare("UPDATE businesses SET status = 'suspended' WHERE slug = 'birch'").run();
    const before = fullSnapshot(db);
    const result = await runCli({ args: ["assign", "--business", "birch", "--all", "--yes"], database });

    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/Birch Clinic \(birch\) is suspended/);
    expect(fullSnapshot(db)).toBe(before);
  });

  it("with --dry-run lists what would be assigned and changes nothing", async () => {
    const { database, db } = freshDatabase();
    const before = fullSnapshot(db);
    const orphans = orphanIds(db);
    const result = await runCli({ args: ["assign", "--business", "acme", "--all", "--dry-run", "--limit", "100"], database });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Would assign ${orphans.length} orphaned runs to Acme Dental`);
    for (const id of orphans) expect(result.stdout).toContain(id);
    expect(fullSnapshot(db)).toBe(before);
  });

  it.each([
    [["assign", "--business", "acme", "--all"], 3, /without --yes when not on a terminal/],
    [["assign", "--all", "--yes"], 2, /--business is required when not on a terminal/],
    [["assign", "--business", "acme", "--yes"], 2, /--ids or --all is required when not on a terminal/],
  ])("off a terminal, %j exits %i and changes nothing", async (args, code, message) => {
    const { database, db } = freshDatabase();
    const before = fullSnapshot(db);
    const result = await runCli({ args, database });

    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(fullSnapshot(db)).toBe(before);
  });
});
