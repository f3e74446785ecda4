import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { runIdsVisibleTo } from "../support/automation-page";
import { storageStatePath } from "../support/roles";

test.describe("business admin", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] a run's id can be copied from its page", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const [runId] = await runIdsVisibleTo("acmeAdmin", "limit=1");
    await page.goto(`/automation/runs/${runId}`);
    await page.getByRole("button", { name: "Copy run id" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(runId);
  });
});

test.describe("member", () => {
  test.use({ storageState: storageStatePath("acmeMember") });

  test("[automation] a member is told why they cannot retry a failed run", async ({ page }) => {
    const [failedRunId] = await runIdsVisibleTo("acmeMember", "status=failed&limit=1");
    await page.goto(`/automation/runs/${failedRunId}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Failed");
    await expect(page.getByText("Only business admins can retry runs")).toBeVisible();
    await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);
  });
});

test.describe("dark system preference", () => {
  test.use({ storageState: storageStatePath("acmeAdmin"), colorScheme: "dark" });

  test("[automation] the page follows a dark system colour scheme", async ({ page }) => {
    await page.goto("/automation");
    await expect(page.getByRole("heading", { name: "Automation", level: 1 })).toBeVisible();
    const luminance = async (selector: string, property: "backgroundColor" | "color") =>
      page.locator(selector).first().evaluate((element, prop) => {
        const [r, g, b] = (getComputedStyle(element)[prop].match(/\d+(\.\d+)?/g) ?? []).map(Number);
        return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
      }, property);
    expect(await luminance("html", "backgroundColor")).toBeLessThan(0.2);
    expect(await luminance("html", "color")).toBeGreaterThan(0.7);
    // Panels follow too, not only the page behind them.
    expect(await luminance("section", "backgroundColor")).toBeLessThan(0.25);
  });
});
