import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { historyRows, historyTable, shownRunIds, waitForDashboard } from "../support/automation-page";
import { contextFor } from "../support/contexts";
import { storageStatePath } from "../support/roles";

/** The history is what people come for: it is on screen at once, sortable and counted. */
test.describe("history first", () => {
  test.use({ storageState: storageStatePath("sysadmin") });

  for (const viewport of [
    { name: "desktop", width: 1440, height: 900 },
    { name: "phone", width: 390, height: 844 },
  ]) {
    test(`[automation] the first history row is in the first viewport on a ${viewport.name}`, async ({ page }) => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.goto("/automation");
      await waitForDashboard(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      const first = historyRows(page).first();
      await expect(first).toBeInViewport({ ratio: 1 });
      if (viewport.name === "phone") {
        // Compact rows, not cards: several runs fit on the first screen.
        await expect(historyRows(page).nth(3)).toBeInViewport();
      }
    });
  }

  test("[automation] the history's header stays in view while its rows scroll", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto("/automation");
    await waitForDashboard(page);
    const header = historyTable(page).locator("thead th").first();
    const before = await header.boundingBox();
    await historyTable(page).evaluate((table) => {
      const scroller = table.parentElement!;
      scroller.scrollTop = scroller.scrollHeight;
    });
    await expect(historyRows(page).first()).not.toBeInViewport();
    const after = await header.boundingBox();
    expect(after?.y).toBe(before?.y);
    await expect(header).toBeInViewport();
  });

  test("[automation] the history sorts by creation time both ways, and Back undoes it", async ({ page }) => {
    await page.goto("/automation");
    await waitForDashboard(page);
    const newestFirst = await shownRunIds(page);
    await page.getByRole("button", { name: /^Created, newest first/ }).click();
    await expect(page).toHaveURL(/order=oldest/);
    await expect(historyTable(page)).toHaveAccessibleName("Job runs, oldest first");
    await expect(historyTable(page).locator("th[aria-sort=ascending]")).toHaveCount(1);
    await expect.poll(async () => (await shownRunIds(page))[0]).not.toBe(newestFirst[0]);
    const times = await historyRows(page).locator("time").evaluateAll((cells) => cells.map((cell) => Date.parse(cell.getAttribute("datetime")!)));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    await page.goBack();
    await expect(historyTable(page)).toHaveAccessibleName("Job runs, newest first");
    await expect.poll(async () => (await shownRunIds(page))[0]).toBe(newestFirst[0]);
  });

  test("[automation] the history says how many runs match", async ({ page }) => {
    const api = await contextFor("sysadmin");
    let total: { count: number; atLeast: boolean };
    try {
      total = ((await (await api.get("/api/job-runs?limit=1")).json()) as { total: { count: number; atLeast: boolean } }).total;
    } finally {
      await api.dispose();
    }
    await page.goto("/automation");
    await waitForDashboard(page);
    const count = `${new Intl.NumberFormat("en-US").format(total.count)}${total.atLeast ? "+" : ""}`;
    await expect(page.getByText(`Showing 1–50 of ${count}`)).toBeVisible();
  });

  test("[automation] filters and history come before the active runs, and charts take no tab stop", async ({ page }) => {
    await page.goto("/automation");
    await waitForDashboard(page);
    const order = await page.evaluate(() => {
      const filters = document.querySelector('form[aria-label="Filter run history"]');
      const history = document.querySelector("table");
      const headings = [...document.querySelectorAll("h2")].map((heading) => heading.textContent);
      return { headings, filtersFirst: Boolean(filters && history && filters.compareDocumentPosition(history) & Node.DOCUMENT_POSITION_FOLLOWING) };
    });
    expect(order.filtersFirst).toBe(true);
    expect(order.headings.indexOf("Run history")).toBeLessThan(order.headings.indexOf("Active runs"));
    expect(order.headings.indexOf("Active runs")).toBeLessThan(order.headings.indexOf("Statistics"));
    const focusableInCharts = await page.locator(".recharts-wrapper [tabindex]:not([tabindex='-1']), .recharts-surface[tabindex]:not([tabindex='-1'])").count();
    expect(focusableInCharts).toBe(0);
  });

  test("[automation] statistics fold away and stay folded after a reload", async ({ page }) => {
    await page.goto("/automation");
    await waitForDashboard(page);
    await page.getByRole("button", { name: "Hide statistics" }).click();
    await expect(page.locator(".recharts-surface")).toHaveCount(0);
    await page.reload();
    await expect(historyRows(page).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Show statistics" })).toHaveAttribute("aria-expanded", "false");
    await expect(page.locator(".recharts-surface")).toHaveCount(0);
    await page.getByRole("button", { name: "Show statistics" }).click();
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
  });
});
