import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { fetchRun, runIdsVisibleTo, triggerRunViaApi } from "../support/automation-page";
import { storageStatePath } from "../support/roles";

test.describe("business admin", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] admin cancels a long-running run from its detail page", async ({ page }) => {
    test.slow(); // many steps against a busy server
    const run = await triggerRunViaApi(page, {
      jobType: "send-appointment-reminders",
      params: { batches: 50, batchDelayMs: 2000 },
      tags: ["e2e-cancel"],
    });

    await page.goto(`/automation/runs/${run.id}`);
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toContainText("Running", { timeout: 20_000 });
    await expect(page.getByRole("progressbar", { name: "Run progress" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);

    await page.getByRole("button", { name: "Cancel run" }).click();
    const confirm = page.getByRole("dialog", { name: "Cancel this run?" });
    await expect(confirm).toBeVisible();
    await confirm.getByRole("button", { name: "Cancel run" }).click();

    await expect(heading).toContainText("Cancelled");
    await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Audit trail" })).toContainText("Cancelled by admin@acme.example");

    // The worker must not overwrite the cancellation when the handler notices it.
    await page.waitForTimeout(3_000);
    const after = await fetchRun(page, run.id);
    expect(after.status).toBe("cancelled");
    expect(after.progress ?? 0).toBeLessThan(1);
    await page.reload();
    await expect(heading).toContainText("Cancelled");
  });

  test("[automation] admin retries a failed run and it runs again", async ({ page }) => {
    const [failedRunId] = await runIdsVisibleTo("acmeAdmin", "status=failed&jobType=sync-calendar&limit=1");
    expect(failedRunId).toBeTruthy();
    await page.goto(`/automation/runs/${failedRunId}`);
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toContainText("Failed");
    await expect(page.getByRole("region", { name: "Error" })).toContainText("Stack trace");

    await page.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByRole("region", { name: "Audit trail" })).toContainText("Retried by admin@acme.example");
    // The calendar sync succeeds when run again; the page follows it without a reload.
    await expect(heading).toContainText("Succeeded", { timeout: 30_000 });
    await expect(page.getByRole("region", { name: "Error" })).toHaveCount(0);
    await expect(page.getByRole("region", { name: "Attempts" })).toContainText("Attempt 4 of 4");
  });
});

test.describe("member", () => {
  test.use({ storageState: storageStatePath("acmeMember") });

  test("[automation] members get no cancel or retry buttons", async ({ page }) => {
    const [failedRunId] = await runIdsVisibleTo("acmeMember", "status=failed&limit=1");
    const [activeRunId] = await runIdsVisibleTo("acmeMember", "status=queued,running&limit=1");
    for (const id of [failedRunId, activeRunId].filter(Boolean)) {
      await page.goto(`/automation/runs/${id}`);
      await expect(page.getByRole("region", { name: "Overview" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
    }
    expect(failedRunId).toBeTruthy();
  });
});
