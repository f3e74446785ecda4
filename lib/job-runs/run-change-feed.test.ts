import { describe, expect, it } from "vitest";
import { inAccess } from "@/lib/db/database-access";
import { getDb } from "@/lib/db";
import { testDatabaseProvider } from "@/test-support/test-database-provider";
import { createBusiness, queueRun } from "@/test-support/fixtures";
import { useTempDatabase } from "@/test-support/use-temp-database";
import { waitFor } from "@/test-support/wait-for";
import type { RunChangeEvent } from "./run-change-event";
import { subscribeToRunChanges } from "./run-change-feed";

// Only PostgreSQL notifies; on SQLite the page polls.
describe.runIf(testDatabaseProvider() === "postgresql")("run changes pushed by PostgreSQL", () => {
  useTempDatabase();

  it("tells subscribers of each new run and each change of status, with the run's business", async () => {
    const events: RunChangeEvent[] = [];
    let listening = false;
    const unsubscribe = subscribeToRunChanges({
      onChange: (event) => events.push(event),
      onConnectionChange: (now) => (listening = now),
    });
    try {
      await waitFor(() => listening, { what: "the feed to listen" });
      const business = await createBusiness({ name: "Acme" });
      const run = await queueRun({ businessId: business.id, jobType: "test-noop" });
      const systemRun = await queueRun({ businessId: null, scope: "system", jobType: "test-noop" });
      await inAccess({ kind: "all", reason: "test" }, async () => {
        // A change that leaves the status alone notifies nobody; the status change after it does.
        await getDb().jobRun.update({ where: { id: run.id }, data: { priority: 5 } });
        await getDb().jobRun.update({ where: { id: run.id }, data: { status: "running" } });
        await getDb().jobRun.update({ where: { id: run.id }, data: { status: "running" } });
        await getDb().jobRun.update({ where: { id: run.id }, data: { status: "cancelled" } });
      });
      await waitFor(() => events.length >= 4, { what: "four run changes" });
      expect(events).toEqual([
        { id: run.id, businessId: business.id, status: "queued" },
        { id: systemRun.id, businessId: null, status: "queued" },
        { id: run.id, businessId: business.id, status: "running" },
        { id: run.id, businessId: business.id, status: "cancelled" },
      ]);
    } finally {
      unsubscribe();
    }
  });
});
