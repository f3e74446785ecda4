import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { activeRun, queueRunForLater } from "../support/automation-page";
import { storageStatePath } from "../support/roles";

/** A run due later is scheduled, not stuck: it says when it starts and is counted apart. */
test.describe("scheduled runs", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] a run due in half an hour shows when it is scheduled for", async ({ page }) => {
    const run = await queueRunForLater(page, { inMs: 28.5 * 60_000, tag: "e2e-scheduled" });

    await page.goto("/automation");
    const item = activeRun(page, run.id);
    await expect(item).toContainText(/Scheduled for .+ \(in 2[89] min\)/);
    await expect(item).not.toContainText("Waiting for a worker");
    await expect(page.getByRole("region", { name: "Active runs" })).toContainText(/\d+ scheduled for later/);

    await page.goto(`/automation/runs/${run.id}`);
    await expect(page.getByRole("region", { name: "Overview" })).toContainText(/Scheduled for .+ \(in 2[89] min\)/);
    await expect(page.getByRole("region", { name: "Overview" })).not.toContainText("Waiting for a worker");
  });
});
