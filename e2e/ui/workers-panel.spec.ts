import { randomUUID } from "node:crypto";
import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { businessIdBySlug, testDb } from "../support/db";
import { storageStatePath } from "../support/roles";

const workersTable = (page: import("@playwright/test").Page) => page.getByRole("table", { name: "Workers" });

test.describe("workers panel for a system admin", () => {
  test.use({ storageState: storageStatePath("sysadmin") });

  test("[automation] lists the running worker, a worker whose heartbeat stopped as stale, and the runs each holds", async ({ page }) => {
    const live = await testDb().worker.findFirstOrThrow({ orderBy: { lastHeartbeatAt: "desc" } });
    const silentId = `silent-${randomUUID().slice(0, 8)}`;
    const longAgo = new Date(Date.now() - 3_600_000);
    await testDb().worker.create({
      data: { id: silentId, host: "gone-host", pid: 31337, version: "0.0.1", concurrency: 2, runsInFlight: 1, startedAt: longAgo, lastHeartbeatAt: longAgo },
    });
    // A run this silent worker still holds, queued far ahead so no live worker claims it first.
    const held = await testDb().jobRun.create({
      data: {
        businessId: await businessIdBySlug("acme"),
        scope: "tenant",
        jobType: "sync-calendar",
        params: { calendar: "held" },
        triggerSource: "api",
        status: "running",
        attempt: 1,
        lockedBy: silentId,
        leaseId: randomUUID(),
        startedAt: new Date(),
        heartbeatAt: new Date(),
        runAt: new Date("2999-01-01T00:00:00.000Z"),
      },
    });
    try {
      await page.goto("/automation");
      const table = workersTable(page);
      await expect(table).toBeVisible();
      const liveRow = table.locator("tbody tr", { hasText: live.id });
      await expect(liveRow).toBeVisible();
      await expect(liveRow).not.toHaveAttribute("data-stale", "true");
      const silentRow = table.locator("tbody tr", { hasText: silentId });
      await expect(silentRow).toHaveAttribute("data-stale", "true");
      await expect(silentRow.getByText("Stale")).toBeVisible();
      await expect(silentRow.getByText("gone-host · 31337")).toBeVisible();
      await expect(silentRow.getByRole("link", { name: "sync-calendar" })).toHaveAttribute("href", new RegExp(`/automation/runs/${held.id}`));
    } finally {
      await testDb().jobRun.delete({ where: { id: held.id } });
      await testDb().worker.delete({ where: { id: silentId } });
    }
  });
});

test.describe("workers panel for a business", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] a business admin never sees the workers or their identities", async ({ page }) => {
    const live = await testDb().worker.findFirstOrThrow({ orderBy: { lastHeartbeatAt: "desc" } });
    await page.goto("/automation");
    await expect(page.getByRole("heading", { name: "Active runs" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Workers" })).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(live.id);
  });
});
