import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { historyRows, historyTable, runIdsVisibleTo, saveScreenshot, shownRunIds, waitForDashboard } from "../support/automation-page";
import { testDb } from "../support/db";
import { storageStatePath } from "../support/roles";

const BIRCH_CANARY = "BIRCH-CANARY-do-not-leak";
const MISSING_RUN_ID = "00000000-0000-4000-8000-000000000000";

test.describe("member of one business", () => {
  test.use({ storageState: storageStatePath("acmeMember") });

  test("[automation] member sees only their own business's runs", async ({ page }) => {
    const birchIds = new Set(await runIdsVisibleTo("birchAdmin"));
    expect(birchIds.size).toBeGreaterThan(0);

    await page.goto("/automation");
    await waitForDashboard(page);
    await expect(page.getByText("Background jobs of Acme Dental")).toBeVisible();
    await expect(historyTable(page).getByRole("columnheader", { name: "Business" })).toHaveCount(0);

    const shown = await shownRunIds(page);
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.filter((id) => birchIds.has(id))).toEqual([]);
    await expect(page.locator("body")).not.toContainText(BIRCH_CANARY);

    // The business list behind the page's pickers holds only the member's own business.
    const businesses = await page.request.get("/api/businesses");
    expect(businesses.status()).toBe(200);
    expect(((await businesses.json()) as { businesses: { name: string }[] }).businesses.map((business) => business.name)).toEqual(["Acme Dental"]);
  });

  test("[automation] member cannot see another business's run", async ({ page }) => {
    const [birchRunId] = await runIdsVisibleTo("birchAdmin", "limit=1");
    expect(birchRunId).toBeTruthy();

    // The page itself answers 404, before any of the run's data could reach the browser.
    expect((await page.goto(`/automation/runs/${birchRunId}`))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Run not found" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(BIRCH_CANARY);
    await expect(page.locator("body")).not.toContainText("Birch Clinic");

    // A run that does not exist at all looks exactly the same.
    expect((await page.goto(`/automation/runs/${MISSING_RUN_ID}`))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Run not found" })).toBeVisible();
    expect((await page.goto("/automation/runs/not-a-run-id"))?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Run not found" })).toBeVisible();
  });
});

test.describe("system admin", () => {
  test.use({ storageState: storageStatePath("sysadmin") });

  test("[automation] system admin sees both businesses and can filter to one, system runs or orphans", async ({ page }) => {
    test.slow(); // many steps against a busy server
    await page.goto("/automation");
    await waitForDashboard(page);
    const table = historyTable(page);
    await expect(table.getByRole("columnheader", { name: "Business" })).toBeVisible();
    await expect(table.getByRole("cell", { name: "Acme Dental" }).first()).toBeVisible();
    await expect(table.getByRole("cell", { name: "Birch Clinic" }).first()).toBeVisible();

    // Every business, the demo's two among them (other specs may add businesses of their own).
    const businesses = await page.request.get("/api/businesses");
    const everyBusiness = await testDb().business.findMany({ orderBy: [{ name: "asc" }, { id: "asc" }], select: { name: true } });
    const listed = ((await businesses.json()) as { businesses: { name: string }[] }).businesses.map((business) => business.name);
    expect(listed).toEqual(everyBusiness.map((business) => business.name));
    expect(listed).toEqual(expect.arrayContaining(["Acme Dental", "Birch Clinic"]));

    const businessFilter = page.getByLabel("Business", { exact: true });
    await businessFilter.selectOption({ label: "Birch Clinic" });
    await expect(page).toHaveURL(/[?&]business=[0-9a-f-]{36}/);
    await expect(table.getByRole("cell", { name: "Acme Dental" })).toHaveCount(0);
    await expect(table.getByRole("cell", { name: "Birch Clinic" }).first()).toBeVisible();

    await businessFilter.selectOption("orphan");
    await expect(page).toHaveURL(/[?&]business=orphan/);
    await expect(table.getByRole("cell", { name: "Birch Clinic" })).toHaveCount(0);
    await expect(historyRows(page)).toHaveCount(8);
    await expect(table.getByRole("cell", { name: "No business (orphan)" })).toHaveCount(8);

    // The view survives a reload: it lives in the URL.
    await page.reload();
    await expect(page.getByLabel("Business", { exact: true })).toHaveValue("orphan");
    await expect(historyRows(page)).toHaveCount(8);

    await page.getByLabel("Business", { exact: true }).selectOption("system");
    await expect(page).toHaveURL(/[?&]business=system/);
    await expect(historyRows(page).first()).toBeVisible();
    const businessCells = table.locator("tbody td[data-label='Business']");
    await expect(businessCells.first()).toHaveText("System");
    expect(new Set(await businessCells.allTextContents())).toEqual(new Set(["System"]));
  });
});

test.describe("user without a business", () => {
  test.use({ storageState: storageStatePath("nobody") });

  test("[automation] user without a membership gets the 403 page", async ({ page }, testInfo) => {
    const response = await page.goto("/automation");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You are not a member of any business" })).toBeVisible();
    await expect(page.getByText("403 · Forbidden")).toBeVisible();
    expect((await page.request.get("/api/me")).status()).toBe(403);
    await expect(page.getByRole("table")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Run job" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(/Acme Dental|Birch Clinic/);
    expect((await page.request.get("/api/businesses")).status()).toBe(403);
    await saveScreenshot(page, testInfo, "automation-nobody");
  });
});

test.describe("member of two businesses", () => {
  test.use({ storageState: storageStatePath("multi") });

  test("[automation] multi-business user switches business and the table changes", async ({ page }) => {
    test.slow(); // many steps against a busy server
    const [acmeIds, birchIds] = await Promise.all([runIdsVisibleTo("acmeAdmin"), runIdsVisibleTo("birchAdmin")]).then((lists) =>
      lists.map((ids) => new Set(ids)),
    );

    await page.goto("/automation");
    await waitForDashboard(page);
    const switcher = page.getByLabel("Business", { exact: true });
    await expect(switcher.locator("option:checked")).toHaveText("Acme Dental");
    let shown = await shownRunIds(page);
    expect(shown.some((id) => acmeIds!.has(id))).toBe(true);
    expect(shown.filter((id) => birchIds!.has(id))).toEqual([]);

    await switcher.selectOption({ label: "Birch Clinic" });
    await expect(page.getByText("Background jobs of Birch Clinic")).toBeVisible();
    await expect.poll(async () => (await shownRunIds(page)).some((id) => birchIds!.has(id)), { timeout: 10_000 }).toBe(true);
    shown = await shownRunIds(page);
    expect(shown.filter((id) => acmeIds!.has(id))).toEqual([]);

    // The choice is kept for the session, so a reload stays in Birch Clinic.
    await page.reload();
    await expect(page.getByLabel("Business", { exact: true }).locator("option:checked")).toHaveText("Birch Clinic");
    await expect.poll(async () => (await shownRunIds(page)).some((id) => birchIds!.has(id))).toBe(true);
  });
});
