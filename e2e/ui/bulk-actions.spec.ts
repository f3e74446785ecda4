import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { fetchRunDetail, historyRow, historyRows, historyTable, queueRunForLater } from "../support/automation-page";
import { storageStatePath } from "../support/roles";

const DAY = 24 * 3600_000;

/** Runs due tomorrow stay queued while the test looks at them; a fresh tag keeps them apart from every other run. */
async function queueTagged(page: Page, count: number) {
  const tag = `e2e-bulk-${randomUUID().slice(0, 8)}`;
  const runs = [];
  for (let index = 0; index < count; index += 1) runs.push(await queueRunForLater(page, { inMs: DAY, tag }));
  return { tag, runs };
}

async function statusOf(page: Page, id: string): Promise<string> {
  return (await fetchRunDetail(page, id)).run.status;
}

test.describe("business admin", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] admin selects rows, confirms a bulk cancel and sees each run's outcome", async ({ page }) => {
    const { tag, runs } = await queueTagged(page, 4);
    const [first, second, kept, alreadyCancelled] = runs as [(typeof runs)[number], (typeof runs)[number], (typeof runs)[number], (typeof runs)[number]];
    expect((await page.request.post(`/api/job-runs/${alreadyCancelled.id}/cancel`)).status()).toBe(200);

    await page.goto(`/automation?tag=${tag}`);
    await expect(historyRows(page)).toHaveCount(4);
    const bulk = page.getByRole("group", { name: "Bulk actions" });
    await expect(bulk.getByRole("button", { name: "Cancel selected…" })).toBeDisabled();

    await historyRow(page, first.id).getByRole("checkbox").check();
    // The checkboxes are native: Tab reaches them and Space ticks them.
    await historyRow(page, second.id).getByRole("checkbox").focus();
    await page.keyboard.press("Space");
    await expect(historyRow(page, second.id).getByRole("checkbox")).toBeChecked();
    await historyRow(page, alreadyCancelled.id).getByRole("checkbox").check();
    await expect(bulk).toContainText("3 runs selected");
    await expect(historyTable(page).getByRole("checkbox", { name: "Select all runs shown" })).toHaveJSProperty("indeterminate", true);

    await bulk.getByRole("button", { name: "Cancel selected…" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel 3 runs?" });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel 3 runs" }).click();
    await expect(dialog).toBeHidden();

    await expect(page.getByRole("status").filter({ hasText: "Cancelled: 2 runs." })).toContainText(
      "Skipped 1 run that was not queued or running.",
    );
    for (const run of [first, second]) await expect(historyRow(page, run.id).locator("[data-status]")).toHaveAttribute("data-status", "cancelled");
    await expect(historyRow(page, kept.id).locator("[data-status]")).toHaveAttribute("data-status", "queued");
    await expect(bulk).toContainText("Select runs to cancel or retry them");
    expect(await statusOf(page, kept.id)).toBe("queued");
    const audit = (await fetchRunDetail(page, first.id)).audit.map((event) => event.action);
    expect(audit).toContain("run.cancelled");

    await page.request.post(`/api/job-runs/${kept.id}/cancel`);
  });

  test("[automation] admin acts on every run matching the filter, beyond the rows shown", async ({ page }) => {
    const { tag, runs } = await queueTagged(page, 3);
    await page.goto(`/automation?tag=${tag}&status=queued`);
    await expect(historyRows(page)).toHaveCount(3);
    const bulk = page.getByRole("group", { name: "Bulk actions" });
    await expect(bulk.getByRole("button", { name: /Select all matching the filter/ })).toHaveCount(0);

    await historyTable(page).getByRole("checkbox", { name: "Select all runs shown" }).check();
    await bulk.getByRole("button", { name: "Select all matching the filter (3)" }).click();
    await expect(bulk).toContainText("All 3 runs matching the filter are selected");

    const sent = page.waitForRequest((request) => request.url().endsWith("/api/job-runs/bulk") && !request.postDataJSON().dryRun);
    await bulk.getByRole("button", { name: "Cancel selected…" }).click();
    const dialog = page.getByRole("dialog", { name: "Cancel all 3 runs?" });
    await expect(dialog).toContainText("Every run matching the current filter: 3 runs.");
    await dialog.getByRole("button", { name: "Cancel 3 runs" }).click();
    // The filter is sent, not the ids: runs not loaded yet are included too.
    expect((await sent).postDataJSON()).toEqual({ action: "cancel", filter: { status: "queued", tag } });

    await expect(page.getByRole("status").filter({ hasText: "Cancelled: 3 runs." })).toBeVisible();
    // The list refreshes: no queued run with this tag is left.
    await expect(historyRows(page)).toHaveCount(0);
    for (const run of runs) expect(await statusOf(page, run.id)).toBe("cancelled");
  });
});

test.describe("member", () => {
  test.use({ storageState: storageStatePath("acmeMember") });

  test("[automation] members see no selection controls", async ({ page }) => {
    await page.goto("/automation");
    await expect(historyRows(page).first()).toBeVisible();
    await expect(historyTable(page).getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("group", { name: "Bulk actions" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Cancel selected…" })).toHaveCount(0);
  });
});
