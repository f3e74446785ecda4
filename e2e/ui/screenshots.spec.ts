import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { historyRows, saveScreenshot, waitForDashboard } from "../support/automation-page";
import { storageStatePath, type Role } from "../support/roles";

const ROLES_WITH_A_BUSINESS: Role[] = ["sysadmin", "acmeAdmin", "acmeMember", "birchAdmin", "multi"];

for (const role of ROLES_WITH_A_BUSINESS) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStatePath(role) });

    test(`[automation] screenshot of the Automation page for ${role}`, async ({ page }, testInfo) => {
      await page.goto("/automation?window=7d");
      await waitForDashboard(page);
      await expect(page.getByRole("region", { name: "Active runs" })).toBeVisible();
      await saveScreenshot(page, testInfo, `automation-${role}`);
    });
  });
}

test.describe("as nobody", () => {
  test.use({ storageState: storageStatePath("nobody") });

  test("[automation] screenshot of the 403 page", async ({ page }, testInfo) => {
    await page.goto("/automation");
    await expect(page.getByRole("heading", { name: "You are not a member of any business" })).toBeVisible();
    await saveScreenshot(page, testInfo, "automation-nobody");
  });
});

test.describe("at phone width", () => {
  test.use({ storageState: storageStatePath("acmeAdmin"), viewport: { width: 390, height: 844 } });

  test("[automation] screenshots of the page, a run and the dialog on a phone", async ({ page }, testInfo) => {
    test.slow(); // many steps against a busy server
    await page.goto("/automation");
    await waitForDashboard(page);
    // Nothing may stick out sideways at phone width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, testInfo, "automation-phone-acmeAdmin");

    await historyRows(page).first().getByRole("link").first().click();
    await expect(page.getByRole("region", { name: "Overview" })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await saveScreenshot(page, testInfo, "run-detail-phone-acmeAdmin");

    await page.goto("/automation");
    await page.getByRole("button", { name: "Run job" }).click();
    const dialog = page.getByRole("dialog", { name: "Run a job" });
    await dialog.getByLabel("Job type").selectOption("send-appointment-reminders");
    await dialog.getByLabel("Days ahead").fill("30");
    await dialog.getByRole("button", { name: "Queue run" }).click();
    await expect(dialog.getByText("Must be at most 14.")).toBeVisible();
    // The dialog is what matters here, not the page behind it.
    await saveScreenshot(page, testInfo, "run-job-dialog-phone-acmeAdmin", { fullPage: false });
  });
});

test.describe("run detail at desktop width", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] screenshot of a failed run's detail page", async ({ page }, testInfo) => {
    // Not a calendar sync: another test retries one of those, so it may not stay failed.
    await page.goto("/automation?status=failed&type=send-appointment-reminders");
    await expect(historyRows(page).first()).toBeVisible();
    await historyRows(page).first().getByRole("link").first().click();
    await expect(page.getByRole("region", { name: "Error" })).toBeVisible();
    await saveScreenshot(page, testInfo, "run-detail-acmeAdmin");
  });
});
