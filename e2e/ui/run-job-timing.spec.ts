import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { activeRun, fetchRunDetail } from "../support/automation-page";
import { storageStatePath } from "../support/roles";

// New York is five hours behind UTC in January: the typed time must be read in the user's zone.
test.use({ storageState: storageStatePath("acmeAdmin"), timezoneId: "America/New_York" });

test("[automation] the Run job dialog schedules a run for later, in the user's time zone, with a priority", async ({ page }) => {
  await page.goto("/automation");
  await page.getByRole("button", { name: "Run job" }).click();
  const dialog = page.getByRole("dialog", { name: "Run a job" });
  await dialog.getByLabel("Job type").selectOption("send-appointment-reminders");
  await dialog.getByLabel("Tags").fill("e2e-run-later");

  // A time in the past is refused next to the field, and nothing is sent.
  let posted = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/api/job-runs")) posted += 1;
  });
  await dialog.getByLabel("Run at").fill("2020-01-15T09:30");
  await dialog.getByLabel("Priority").fill("7");
  await dialog.getByRole("button", { name: "Queue run" }).click();
  await expect(dialog.getByText("Choose a time that is now or later.")).toBeVisible();
  await expect(dialog.getByLabel("Run at")).toBeFocused();
  await dialog.getByLabel("Priority").fill("101");
  await dialog.getByRole("button", { name: "Queue run" }).click();
  await expect(dialog.getByText("Enter a whole number from -100 to 100.")).toBeVisible();
  expect(posted).toBe(0);

  await dialog.getByLabel("Run at").fill("2030-01-15T09:30");
  await dialog.getByLabel("Priority").fill("7");
  const created = page.waitForResponse((response) => response.url().endsWith("/api/job-runs") && response.request().method() === "POST");
  await dialog.getByRole("button", { name: "Queue run" }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const { run } = (await response.json()) as { run: { id: string } };
  await expect(dialog).toBeHidden();

  const stored = (await fetchRunDetail(page, run.id)).run;
  expect(stored.status).toBe("queued");
  expect(stored.runAt).toBe("2030-01-15T14:30:00.000Z");
  expect(stored.priority).toBe(7);
  await expect(activeRun(page, run.id)).toContainText("Scheduled for");
  // Counted apart from the queue of runs waiting for a worker.
  const scheduledCard = page.locator("dl > div").filter({ has: page.locator("dt", { hasText: /^Scheduled$/ }) });
  await expect(scheduledCard.locator("dd")).not.toHaveText("0");

  await page.request.post(`/api/job-runs/${run.id}/cancel`);
});
