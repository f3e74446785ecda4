import type { Page } from "@playwright/test";
import { test } from "../support/test";
import { expectAccessible } from "../support/accessibility";
import type { JobRunStats } from "../../lib/client/job-run-schemas";
import { expect } from "../support/ui-expect";
import { fetchRunDetail, historyRows, historyTable, saveScreenshot, shownRunIds, waitForDashboard } from "../support/automation-page";
import { businessIdBySlug, testDb } from "../support/db";
import { trackApiResponses } from "../support/page-responses";
import { ROLES, storageStatePath, type Role } from "../support/roles";

/**
 * What each role's Automation page, a run's detail page and the run dialog must show, checked
 * against the API and the database. Each test also saves a picture of that state for people to
 * look at; the pictures are not what the tests check.
 */

type Slug = "acme" | "birch";

interface PageForRole {
  roleLabel: string;
  /** What the header says about the business the page works in. */
  context: string;
  subtitle: string;
  /** Businesses whose runs the history shows (all of them must appear for several). */
  businesses: Slug[];
  /** A system admin narrows the page to a business; a member of several switches between them. */
  businessControl: "filter" | "switcher" | null;
}

const PAGES: Partial<Record<Role, PageForRole>> = {
  sysadmin: {
    roleLabel: "System admin",
    context: "All businesses",
    subtitle: "Background jobs across all businesses",
    businesses: ["acme", "birch"],
    businessControl: "filter",
  },
  acmeAdmin: { roleLabel: "Admin", context: "Acme Dental", subtitle: "Background jobs of Acme Dental", businesses: ["acme"], businessControl: null },
  acmeMember: { roleLabel: "Member", context: "Acme Dental", subtitle: "Background jobs of Acme Dental", businesses: ["acme"], businessControl: null },
  birchAdmin: { roleLabel: "Admin", context: "Birch Clinic", subtitle: "Background jobs of Birch Clinic", businesses: ["birch"], businessControl: null },
  multi: { roleLabel: "Member", context: "Acme Dental", subtitle: "Background jobs of Acme Dental", businesses: ["acme"], businessControl: "switcher" },
};

const STAT_CARDS = ["Total runs", "Running", "Queued", "Scheduled", "Succeeded", "Failed"] as const;

/** Runs due later are counted apart from the queue of runs waiting for a worker. */
function countsOf(stats: JobRunStats): Record<string, number> {
  const { byStatus } = stats;
  return { "Total runs": stats.total, Running: byStatus.running, Queued: byStatus.queued - stats.scheduled, Scheduled: stats.scheduled, Succeeded: byStatus.succeeded, Failed: byStatus.failed };
}

async function drawnCounts(page: Page): Promise<Record<string, number>> {
  const pairs = await page
    .getByRole("region", { name: "Statistics for the last 7 days" })
    .locator("dt")
    .evaluateAll((terms) => terms.map((term) => [term.textContent ?? "", term.nextElementSibling?.textContent ?? ""] as const));
  const counts: Record<string, number> = {};
  for (const [label, value] of pairs) if ((STAT_CARDS as readonly string[]).includes(label)) counts[label] = Number(value.replace(/\D/g, ""));
  return counts;
}

async function businessesShown(page: Page): Promise<Set<Slug | null>> {
  const ids = await shownRunIds(page);
  const slugs = new Map([[await businessIdBySlug("acme"), "acme" as const], [await businessIdBySlug("birch"), "birch" as const]]);
  const runs = await testDb().jobRun.findMany({ where: { id: { in: ids } }, select: { businessId: true } });
  expect(runs).toHaveLength(ids.length);
  return new Set(runs.map((run) => (run.businessId ? (slugs.get(run.businessId) ?? null) : null)));
}

for (const [role, expected] of Object.entries(PAGES) as [Role, PageForRole][]) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStatePath(role) });

    test(`[automation] ${role} sees their business, their controls and the numbers the API reports`, async ({ page }, testInfo) => {
      const latest = trackApiResponses(page);
      await page.goto("/automation?window=7d");
      await waitForDashboard(page);

      const header = page.getByRole("banner");
      await expect(header).toContainText(ROLES[role]);
      await expect(header).toContainText(expected.roleLabel);
      await expect(page.getByText(expected.subtitle, { exact: true })).toBeVisible();
      await expect(page.getByRole("button", { name: "Run job" })).toBeVisible();

      const businessControl = page.getByLabel("Business", { exact: true });
      const headerSwitcher = header.getByLabel("Business", { exact: true });
      if (expected.businessControl === "filter") {
        await expect(header).toContainText(expected.context);
        await expect(headerSwitcher).toHaveCount(0);
        await expect(businessControl.locator("option:checked")).toHaveText("All businesses");
      } else if (expected.businessControl === "switcher") {
        await expect(headerSwitcher.locator("option:checked")).toHaveText(expected.context);
        await expect(headerSwitcher.locator("option")).toHaveText(["Acme Dental", "Birch Clinic"]);
        await expect(businessControl).toHaveCount(1);
      } else {
        await expect(header).toContainText(expected.context);
        await expect(businessControl).toHaveCount(0);
      }
      await expect(historyTable(page).getByRole("columnheader", { name: "Business" })).toHaveCount(expected.businessControl === "filter" ? 1 : 0);

      const shown = await businessesShown(page);
      if (expected.businesses.length > 1) for (const slug of expected.businesses) expect(shown).toContain(slug);
      else expect([...shown]).toEqual(expected.businesses);

      // The cards show the statistics the page was last sent, and those are not empty.
      await expect(async () => {
        const stats = latest("/api/job-runs/stats") as JobRunStats | undefined;
        expect(stats?.window).toBe("7d");
        expect(await drawnCounts(page)).toEqual(countsOf(stats!));
      }).toPass({ timeout: 20_000 });
      const told = countsOf(latest("/api/job-runs/stats") as JobRunStats);
      expect(told.Succeeded).toBeGreaterThan(0);
      expect(told.Failed).toBeGreaterThan(0);

      // The active runs listed are the ones the API reported, with their count.
      const activeRuns = page.getByRole("region", { name: "Active runs" });
      await expect(async () => {
        const active = latest("/api/job-runs/active") as { total: { count: number; atLeast: boolean }; runs: { id: string }[] } | undefined;
        expect(active).toBeDefined();
        const drawn = await activeRuns.locator("li[data-run-id]").evaluateAll((items) => items.map((item) => item.getAttribute("data-run-id")));
        expect(drawn).toEqual(active!.runs.map((run) => run.id));
        await expect(activeRuns).toContainText(active!.total.count ? `${new Intl.NumberFormat("en-US").format(active!.total.count)}${active!.total.atLeast ? "+" : ""} queued or running` : "Nothing is queued or running", { timeout: 1 });
      }).toPass({ timeout: 20_000 });

      await saveScreenshot(page, testInfo, `automation-${role}`);
    });
  });
}

test.describe("at phone width", () => {
  test.use({ storageState: storageStatePath("acmeAdmin"), viewport: { width: 390, height: 844 } });

  test("[automation] the page, a run and the dialog fit a phone and show the same content", async ({ page }, testInfo) => {
    test.slow(); // many steps against a busy server
    const pageWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
    await page.goto("/automation");
    await waitForDashboard(page);
    expect([...(await businessesShown(page))]).toEqual(["acme"]);
    // Nothing may stick out sideways at phone width.
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await expectAccessible(page, "Automation page at phone width");
    await saveScreenshot(page, testInfo, "automation-phone-acmeAdmin");

    const [runId] = await shownRunIds(page);
    await historyRows(page).first().getByRole("link").first().click();
    await expect(page).toHaveURL(new RegExp(`/automation/runs/${runId}$`));
    const { run } = await fetchRunDetail(page, runId!);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(run.jobType);
    await expect(page.getByText(run.id, { exact: true }).first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Overview" })).toContainText(`${run.attempt} of ${run.maxAttempts}`);
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    await expectAccessible(page, "run page at phone width");
    await saveScreenshot(page, testInfo, "run-detail-phone-acmeAdmin");

    await page.goto("/automation");
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/api/job-runs") posts.push(request.url());
    });
    await page.getByRole("button", { name: "Run job" }).click();
    const dialog = page.getByRole("dialog", { name: "Run a job" });
    await dialog.getByLabel("Job type").selectOption("send-appointment-reminders");
    await dialog.getByLabel("Days ahead").fill("30");
    await dialog.getByRole("button", { name: "Queue run" }).click();
    await expect(dialog.getByText("Must be at most 14.")).toBeVisible();
    await expect(dialog.getByLabel("Days ahead")).toHaveAttribute("aria-invalid", "true");
    expect(posts).toEqual([]);
    expect(await pageWidth()).toBeLessThanOrEqual(390);
    // The dialog is what matters here, not the page behind it.
    await saveScreenshot(page, testInfo, "run-job-dialog-phone-acmeAdmin", { fullPage: false });
  });
});

test.describe("run detail at desktop width", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] a failed run's detail page shows its error, its attempts and the admin's retry", async ({ page }, testInfo) => {
    // Not a calendar sync: another test retries one of those, so it may not stay failed.
    await page.goto("/automation?status=failed&type=send-appointment-reminders");
    await expect(historyRows(page).first()).toBeVisible();
    const [runId] = await shownRunIds(page);
    await historyRows(page).first().getByRole("link").first().click();
    // The run page carries the list it was opened from, for "All runs".
    await expect(page).toHaveURL(new RegExp(`/automation/runs/${runId}\\?list=status%3Dfailed%26type%3Dsend-appointment-reminders$`));

    const { run, attempts } = await fetchRunDetail(page, runId!);
    expect(run.status).toBe("failed");
    expect(run.error?.message).toBeTruthy();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Failed");
    const error = page.getByRole("region", { name: "Error" });
    // The message on its own, not only inside the stack trace, which repeats it.
    await expect(error.getByText(run.error!.message, { exact: true })).toBeVisible();
    if (run.error!.stack) await expect(error.getByLabel("Stack trace")).toContainText(run.error!.stack.split("\n")[0]!);
    const last = attempts.at(-1)!;
    await expect(page.getByRole("region", { name: "Attempts" }).locator("li")).toHaveCount(attempts.length);
    await expect(page.getByRole("region", { name: "Attempts" }).locator("li").last()).toContainText(`Attempt ${last.attempt} of ${run.maxAttempts}`);
    await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Cancel run" })).toHaveCount(0);
    await saveScreenshot(page, testInfo, "run-detail-acmeAdmin");
  });
});
