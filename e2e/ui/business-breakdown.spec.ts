import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { historyRows, historyTable, waitForDashboard } from "../support/automation-page";
import { businessIdBySlug, testDb } from "../support/db";
import { storageStatePath } from "../support/roles";

type ApiRow = { businessId: string; name: string; runs: number; failures: number; queued: number; running: number };

const breakdownTable = (page: Page) => page.getByRole("table", { name: "Businesses" });

/** The table's rows as [name, runs, failures, queued, running] read from the page. */
async function shownRows(page: Page): Promise<{ name: string; runs: number; failures: number; queued: number; running: number }[]> {
  const rows = breakdownTable(page).locator("tbody tr");
  const shown = [];
  for (const row of await rows.all()) {
    const number = async (index: number) => Number((await row.locator("td").nth(index).innerText()).split("\n")[0]!.replace(/[^0-9]/g, ""));
    shown.push({
      name: await row.locator("th button").innerText(),
      runs: await number(0),
      failures: await number(1),
      queued: await number(2),
      running: await number(3),
    });
  }
  return shown;
}

test.describe("breakdown by business for a system admin", () => {
  test.use({ storageState: storageStatePath("sysadmin") });

  test("[automation] lists the businesses as the API does, sorts by a column and narrows the page to the business chosen", async ({ page }) => {
    test.slow(); // many steps against a busy server
    // A business with only a run scheduled far ahead and no failure: its row differs from the demo's on Failures.
    const probe = await testDb().business.create({ data: { name: `Breakdown probe ${randomUUID().slice(0, 8)}`, slug: `breakdown-probe-${randomUUID()}` } });
    const scheduled = await testDb().jobRun.create({
      data: { businessId: probe.id, scope: "tenant", jobType: "sync-calendar", params: {}, status: "queued", runAt: new Date("2999-01-01T00:00:00.000Z") },
    });
    try {
      await page.goto("/automation?window=30d");
      await waitForDashboard(page);
      const table = breakdownTable(page);
      await expect(table).toBeVisible();

      // Workers keep settling runs: compare the page with the API until both read the same moment.
      await expect(async () => {
        const api = (await (await page.request.get("/api/job-runs/stats/businesses?window=30d")).json()) as { businesses: ApiRow[] };
        const shown = await shownRows(page);
        for (const name of ["Acme Dental", "Birch Clinic", probe.name]) {
          const want = api.businesses.find((row) => row.name === name);
          expect(want, name).toBeTruthy();
          const { runs, failures, queued, running } = want!;
          expect(shown.find((row) => row.name === name), name).toEqual({ name, runs, failures, queued, running });
        }
      }).toPass();

      const failuresHeader = table.getByRole("columnheader", { name: /Failures/ });
      await failuresHeader.getByRole("button").click();
      await expect(failuresHeader).toHaveAttribute("aria-sort", "descending");
      const descending = (await shownRows(page)).map((row) => row.failures);
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
      const firstDescending = (await shownRows(page))[0]!.name;
      await failuresHeader.getByRole("button").click();
      await expect(failuresHeader).toHaveAttribute("aria-sort", "ascending");
      const ascending = (await shownRows(page)).map((row) => row.failures);
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      expect((await shownRows(page))[0]!.name).not.toBe(firstDescending);

      await table.getByRole("button", { name: "Birch Clinic" }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]business=${await businessIdBySlug("birch")}`));
      await expect(page.getByLabel("Business", { exact: true })).toHaveValue(await businessIdBySlug("birch"));
      await expect(table.getByRole("button", { name: "Birch Clinic" })).toHaveAttribute("aria-pressed", "true");
      await expect(historyTable(page).getByRole("cell", { name: "Acme Dental" })).toHaveCount(0);
      await expect(historyRows(page).first()).toBeVisible();
      const businessCells = historyTable(page).locator("tbody td[data-label='Business']");
      await expect(businessCells.first()).toHaveText("Birch Clinic");
      expect(new Set(await businessCells.allTextContents())).toEqual(new Set(["Birch Clinic"]));
    } finally {
      await testDb().jobRun.delete({ where: { id: scheduled.id } });
      await testDb().business.delete({ where: { id: probe.id } });
    }
  });
});

test.describe("breakdown by business for a business", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] a business admin sees no breakdown, and the API refuses it", async ({ page }) => {
    await page.goto("/automation");
    await waitForDashboard(page);
    await expect(historyRows(page).first()).toBeVisible();
    await expect(breakdownTable(page)).toHaveCount(0);
    const response = await page.request.get("/api/job-runs/stats/businesses");
    expect(response.status()).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  });
});
