import { describe, expect, it } from "vitest";
import { HAS_SCRIPT, runCliOnTerminal } from "../../../test-support/orphans/cli-harness";
import { auditEvents, businessId, fullSnapshot, orphanIds } from "../../../test-support/orphans/database-state";
import { useDemoTemplate } from "../../../test-support/orphans/demo-template";

const { freshDatabase } = useDemoTemplate();

// A pseudo-terminal through util-linux `script`; each answer is typed once its question shows.
describe.skipIf(!HAS_SCRIPT)("orphans on a terminal", () => {
  it("delete asks for confirmation and shows a progress bar", async () => {
    const { database, db } = await freshDatabase();
    const orphans = await orphanIds(db);
    const result = await runCliOnTerminal({ args: ["delete", "--batch-size", "3"], database, answers: [{ after: "[y/N]", reply: "y" }] });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Delete ${orphans.length} orphaned runs? This cannot be undone. [y/N]`);
    expect(result.stdout).toMatch(/\r\[#{30}\] 100% {2}\d+\/\d+ runs deleted/);
    expect(await orphanIds(db)).toEqual([]);
    expect((await auditEvents(db, "orphans.deleted")).flatMap((event) => event.details.runIds).sort()).toEqual(orphans);
  });

  it("delete changes nothing when the answer is not yes", async () => {
    const { database, db } = await freshDatabase();
    const before = await fullSnapshot(db);
    const result = await runCliOnTerminal({ args: ["delete"], database, answers: [{ after: "[y/N]", reply: "n" }] });

    expect(result.code).toBe(3);
    expect(result.stdout).toContain("Aborted. Nothing was changed.");
    expect(await fullSnapshot(db)).toBe(before);
  });

  it("assign without flags lists businesses, lets one be chosen, and confirms", async () => {
    const { database, db } = await freshDatabase();
    await db.business.update({ where: { slug: "acme" }, data: { status: "suspended" } });
    const orphans = await orphanIds(db);
    // Acme is suspended, so the only numbered choice is Birch.
    const result = await runCliOnTerminal({
      args: ["assign"],
      database,
      answers: [
        { after: "Assign to which business?", reply: "1" },
        { after: "Assign which runs?", reply: "all" },
        { after: "[y/N]", reply: "y" },
      ],
    });

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1\. Birch Clinic \(birch,/);
    expect(result.stdout).toMatch(/Acme Dental \(acme, .*\) {2}suspended, cannot receive runs/);
    expect(await orphanIds(db)).toEqual([]);
    const [event] = await auditEvents(db, "orphans.assigned");
    expect(event?.businessId).toBe(await businessId(db, "birch"));
    expect(event?.details.runIds.sort()).toEqual(orphans);
  });
});
