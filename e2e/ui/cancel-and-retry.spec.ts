import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { fetchRunDetail, runIdsVisibleTo, triggerRunViaApi } from "../support/automation-page";
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

    // The cancel closes the attempt at once; the worker notices on its next heartbeat, stops the
    // handler and says so in the log. It must not overwrite the cancellation when it does.
    await expect
      .poll(async () => (await fetchRunDetail(page, run.id)).logs.map((line) => line.message), {
        timeout: 30_000,
        message: "the worker should log that it stopped the handler after the cancellation",
      })
      .toContain("Cancelled while running; the handler was stopped");
    const after = await fetchRunDetail(page, run.id);
    expect(after.attempts.map((attempt) => attempt.status)).toEqual(["cancelled"]);
    expect(after.run.status).toBe("cancelled");
    expect(after.run.progress ?? 0).toBeLessThan(1);
    await page.reload();
    await expect(heading).toContainText("Cancelled");
    await expect(page.getByRole("region", { name: "Attempts" })).toContainText("Cancelled");
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
    expect(failedRunId).toBeTruthy();
    // Due tomorrow, so it is still queued, and cancellable by an admin, while the member looks at it.
    const queued = await triggerRunViaApi(page, {
      jobType: "send-appointment-reminders",
      params: {},
      runAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      tags: ["e2e-member-view"],
    });

    for (const [id, status] of [
      [failedRunId!, "Failed"],
      [queued.id, "Queued"],
    ] as const) {
      await page.goto(`/automation/runs/${id}`);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(status);
      await expect(page.getByRole("region", { name: "Overview" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
    }
  });
});
