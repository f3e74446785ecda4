import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { historyRows } from "../support/automation-page";
import { storageStatePath } from "../support/roles";

/** The page's address is its state: filters add history entries, and a run page leads back to the same list. */
test.describe("URL is the state", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] each filter change adds a history entry that Back undoes", async ({ page }) => {
    await page.goto("/automation");
    await expect(historyRows(page).first()).toBeVisible();
    const statuses = page.getByRole("group", { name: "Status" });

    await statuses.getByLabel("Failed").click();
    await expect(page).toHaveURL(/[?&]status=failed(&|$)/);
    await statuses.getByLabel("Succeeded").click();
    await expect(page).toHaveURL(/[?&]status=succeeded%2Cfailed|[?&]status=succeeded,failed/);

    await page.goBack();
    await expect(page).toHaveURL(/[?&]status=failed(&|$)/);
    await expect(statuses.getByLabel("Succeeded")).not.toBeChecked();
    await expect(statuses.getByLabel("Failed")).toBeChecked();

    await page.goBack();
    await expect(page).toHaveURL(/\/automation$/);
    await expect(statuses.getByLabel("Failed")).not.toBeChecked();
  });

  test("[automation] \"All runs\" on a run page returns to the filtered list", async ({ page }) => {
    await page.goto("/automation?status=failed&type=sync-calendar");
    const firstRow = historyRows(page).first();
    await expect(firstRow).toBeVisible();
    await firstRow.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/automation\/runs\//);

    await page.getByRole("link", { name: "← All runs" }).click();
    await expect(page).toHaveURL(/\/automation\?status=failed&type=sync-calendar$/);
    await expect(page.getByRole("group", { name: "Status" }).getByLabel("Failed")).toBeChecked();
    await expect(historyRows(page).first()).toBeVisible();
  });
});
