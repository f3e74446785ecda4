import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { activeRun, activeRunRecord, historyRow, recordActiveRuns } from "../support/automation-page";
import { storageStatePath } from "../support/roles";

test.use({ storageState: storageStatePath("acmeAdmin") });

interface CreatedRun {
  id: string;
  status: string;
  jobType: string;
}

async function openRunJobDialog(page: Page) {
  await page.goto("/automation");
  await page.getByRole("button", { name: "Run job" }).click();
  const dialog = page.getByRole("dialog", { name: "Run a job" });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function submitAndCapture(page: Page): Promise<CreatedRun> {
  const created = page.waitForResponse((response) => response.url().endsWith("/api/job-runs") && response.request().method() === "POST");
  await page.getByRole("dialog", { name: "Run a job" }).getByRole("button", { name: "Queue run" }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  return ((await response.json()) as { run: CreatedRun }).run;
}

test("[automation] a run triggered from the dialog goes queued → running → succeeded with live progress", async ({ page }) => {
  test.slow(); // many steps against a busy server
  const dialog = await openRunJobDialog(page);
  await dialog.getByLabel("Job type").selectOption("send-appointment-reminders");

  // The form is drawn from the parameter schema and checks its bounds before sending anything.
  await dialog.getByLabel("Days ahead").fill("99");
  await dialog.getByRole("button", { name: "Queue run" }).click();
  await expect(dialog.getByText("Must be at most 14.")).toBeVisible();
  await expect(dialog.getByLabel("Days ahead")).toBeFocused();
  await expect(dialog.getByLabel("Days ahead")).toHaveAttribute("aria-invalid", "true");

  await dialog.getByLabel("Days ahead").fill("2");
  await dialog.getByLabel("Channel").selectOption("sms");
  await dialog.getByLabel("Batches").fill("8");
  // Each batch long enough for the page's one-second poll to draw it, even on a busy machine.
  await dialog.getByLabel("Batch delay ms").fill("1500");
  await dialog.getByLabel("Tags").fill("e2e, from-dialog");
  await recordActiveRuns(page);
  const run = await submitAndCapture(page);
  // Created queued; a fast worker may have claimed it before the response was written.
  expect(["queued", "running"]).toContain(run.status);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Queued send-appointment-reminders" })).toBeVisible();

  // It shows up at once, without a reload.
  const row = historyRow(page, run.id);
  await expect(row).toBeVisible();
  await expect(row).toContainText("from-dialog");
  await expect(row).toContainText("Manual · you");

  // The page records what it draws; the test waits for the run to finish, then reads the record.
  await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  const seen = await activeRunRecord(page, run.id);
  expect(seen?.statuses).toContain("running");
  expect(seen?.statuses.every((status) => status === "queued" || status === "running")).toBe(true);
  const between = seen?.progress.filter((value) => value > 0 && value < 100) ?? [];
  expect(between.length, `the progress bar should move through several values, drew ${JSON.stringify(seen?.progress)}`).toBeGreaterThanOrEqual(2);
  expect(between).toEqual([...between].sort((x, y) => x - y));
  const item = activeRun(page, run.id);
  await expect(item).toHaveCount(0);

  await row.getByRole("link", { name: "send-appointment-reminders" }).click();
  await expect(page).toHaveURL(new RegExp(`/automation/runs/${run.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Succeeded");
  await expect(page.getByRole("region", { name: "Parameters" })).toContainText('"batches": 8');
  await expect(page.getByRole("region", { name: "Result" })).toContainText('"sent": 200');
  await expect(page.getByRole("region", { name: "Logs" })).toContainText("Batch 8/8: 200 sms reminders sent");
  await expect(page.getByRole("region", { name: "Attempts" })).toContainText("Attempt 1 of 3");
  await expect(page.getByRole("region", { name: "Audit trail" })).toContainText("Triggered by admin@acme.example");
  await expect(page.getByRole("progressbar", { name: "Run progress" })).toHaveAttribute("aria-valuenow", "100");
});

test("[automation] an export run's CSV can be downloaded from its detail page", async ({ page }) => {
  const dialog = await openRunJobDialog(page);
  await expect(dialog.getByLabel("Job type").locator("option[value='export-report']")).toHaveCount(1);
  await dialog.getByLabel("Job type").selectOption("export-report");
  await dialog.getByLabel("Days").fill("7");
  const run = await submitAndCapture(page);

  await page.goto(`/automation/runs/${run.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Succeeded", { timeout: 30_000 });
  const attachments = page.getByRole("region", { name: "Attachments" });
  const csvLink = attachments.getByRole("link", { name: /Download runs-.*\.csv$/ });
  await expect(csvLink).toBeVisible();

  const downloading = page.waitForEvent("download");
  await csvLink.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^runs-.*\.csv$/);
  const csv = readFileSync(await download.path(), "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toContain("run_id");
  expect(lines.length).toBeGreaterThan(1);
  expect(csv).not.toContain("BIRCH-CANARY");
});

test("[automation] the server's validation issues are shown next to the fields they concern", async ({ page }) => {
  const dialog = await openRunJobDialog(page);
  await dialog.getByLabel("Job type").selectOption("sync-calendar");
  await dialog.getByRole("button", { name: "Queue run" }).click();
  await expect(dialog.getByText("This field is required.")).toBeVisible();

  // Rules only the server knows (here: a calendar that is not connected) come back as issues.
  await page.route("**/api/job-runs", async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    await route.fulfill({
      status: 400,
      contentType: "application/json",
      body: JSON.stringify({
        error: {
          code: "bad_request",
          message: 'The parameters do not fit job type "sync-calendar"',
          issues: [
            { path: "params.calendar", message: "calendar is not connected" },
            { path: "runAt", message: "must be in the future" },
            { path: "source", message: "is not a trigger source" },
          ],
        },
      }),
    });
  });
  await dialog.getByLabel("Calendar").fill("unknown-calendar");
  await dialog.getByRole("button", { name: "Queue run" }).click();
  await expect(dialog.getByRole("alert")).toContainText('The parameters do not fit job type "sync-calendar"');
  // An issue with no field of its own is listed in the alert; the others sit next to their fields.
  await expect(dialog.getByRole("alert")).toContainText("source: is not a trigger source");
  await expect(dialog.getByText("Calendar is not connected")).toBeVisible();
  await expect(dialog.getByLabel("Calendar")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.getByText("Must be in the future")).toBeVisible();
  await expect(dialog.getByLabel("Run at")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toBeVisible();

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test.describe("member", () => {
  test.use({ storageState: storageStatePath("acmeMember") });

  test("[automation] the Run job dialog offers a member only the job types members may trigger", async ({ page }) => {
    const dialog = await openRunJobDialog(page);
    const options = dialog.getByLabel("Job type").locator("option[value]:not([value=''])");
    // The types arrive after the dialog opens; wait for them before reading the list.
    await expect(options.first()).toBeAttached();
    const offered = await options.evaluateAll((found) => found.map((option) => (option as HTMLOptionElement).value).sort());
    expect(offered).toEqual(["export-report", "send-appointment-reminders", "sync-calendar"]);
  });
});

test("[automation] the Run job dialog offers an admin retention-cleanup but no system job", async ({ page }) => {
  const dialog = await openRunJobDialog(page);
  await expect(dialog.getByLabel("Job type").locator("option[value='retention-cleanup']")).toHaveCount(1);
  await expect(dialog.getByLabel("Job type").locator("option[value='vacuum-database']")).toHaveCount(0);
});
