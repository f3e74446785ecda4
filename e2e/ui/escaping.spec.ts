import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { storageStatePath } from "../support/roles";

test.use({ storageState: storageStatePath("acmeMember") });

const SCRIPT_PAYLOAD = "<script>window.__xss=1</script>";
const IMAGE_PAYLOAD = "<img src=x onerror=window.__xss=2>";

test("[automation] a payload containing <script> renders as text", async ({ page }) => {
  await page.goto("/automation");
  await page.getByRole("button", { name: "Run job" }).click();
  const dialog = page.getByRole("dialog", { name: "Run a job" });
  await dialog.getByLabel("Job type").selectOption("sync-calendar");
  await dialog.getByLabel("Calendar").fill(SCRIPT_PAYLOAD);
  await dialog.getByLabel("Idempotency key").fill(`${IMAGE_PAYLOAD}-${Date.now()}`);
  const created = page.waitForResponse((response) => response.url().endsWith("/api/job-runs") && response.request().method() === "POST");
  await dialog.getByRole("button", { name: "Queue run" }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const { run } = (await response.json()) as { run: { id: string } };

  await page.goto(`/automation/runs/${run.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Succeeded", { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Parameters" })).toContainText(SCRIPT_PAYLOAD);
  await expect(page.getByRole("region", { name: "Result" })).toContainText(SCRIPT_PAYLOAD);
  await expect(page.getByRole("region", { name: "Logs" })).toContainText(`from ${SCRIPT_PAYLOAD}`);
  await expect(page.getByRole("region", { name: "Overview" })).toContainText(IMAGE_PAYLOAD);

  // Text, not markup: no element was created from the payload and nothing ran.
  await expect(page.locator("main script")).toHaveCount(0);
  await expect(page.locator("main img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
});
