import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { fetchRunDetail, runIdsVisibleTo, queueRunForLater } from "../support/automation-page";
import { storageStatePath } from "../support/roles";

/** A run page says what happened to its run in words that fit its status, error first. */
test.describe("run page", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] a failed run shows its error first and no pending result", async ({ page }) => {
    const [failedRunId] = await runIdsVisibleTo("acmeAdmin", "status=failed&limit=1");
    expect(failedRunId).toBeTruthy();
    await page.goto(`/automation/runs/${failedRunId}`);

    const result = page.getByRole("region", { name: "Result" });
    await expect(result).toContainText("Failed — see error");
    await expect(page.getByText("No result yet.")).toHaveCount(0);
    const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
    expect(headings.indexOf("Error")).toBeGreaterThanOrEqual(0);
    expect(headings.indexOf("Error")).toBeLessThan(headings.indexOf("Parameters"));
  });

  test("[automation] log lines carry their date as well as their time", async ({ page }) => {
    const [failedRunId] = await runIdsVisibleTo("acmeAdmin", "status=failed&limit=1");
    const detail = await fetchRunDetail(page, failedRunId!);
    expect(detail.logs.length).toBeGreaterThan(0);
    await page.goto(`/automation/runs/${failedRunId}`);
    const firstTime = page.getByRole("list", { name: "Log lines, oldest first" }).locator("time").first();
    const day = new Date(detail.logs[0]!.at);
    await expect(firstTime).toContainText(String(day.getFullYear()));
    await expect(firstTime).toContainText(day.toLocaleString("en-US", { month: "short" }));
  });

  test("[automation] a cancelled run says so, and the page refreshes once more after the run ends", async ({ page }) => {
    const run = await queueRunForLater(page, { inMs: 24 * 3600_000, tag: "e2e-run-page" });
    await page.goto(`/automation/runs/${run.id}`);
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toContainText("Queued");

    // Cancelled by someone else: the page follows it, then asks once more for the last log lines.
    let sawTerminal = false;
    const refreshAfterEnd = page.waitForResponse(async (response) => {
      if (!response.url().endsWith(`/api/job-runs/${run.id}`) || response.request().method() !== "GET") return false;
      const body = (await response.json()) as { run: { status: string } };
      if (body.run.status !== "cancelled") return false;
      if (sawTerminal) return true;
      sawTerminal = true;
      return false;
    });
    const cancel = await page.request.post(`/api/job-runs/${run.id}/cancel`);
    expect(cancel.status()).toBe(200);
    await expect(heading).toContainText("Cancelled");
    await refreshAfterEnd;
    await expect(page.getByRole("region", { name: "Result" })).toContainText("Cancelled");
    await expect(page.getByText("No result yet.")).toHaveCount(0);
  });
});

test.describe("attempt timeline", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] a run page draws each attempt as a bar on a time axis, coloured by outcome, with its duration", async ({ page }) => {
    const [failedRunId] = await runIdsVisibleTo("acmeAdmin", "status=failed&limit=1");
    const detail = await fetchRunDetail(page, failedRunId!);
    expect(detail.attempts.length).toBeGreaterThan(0);
    await page.goto(`/automation/runs/${failedRunId}`);
    const timeline = page.getByRole("list", { name: "Attempt timeline" });
    const bars = timeline.getByRole("listitem");
    await expect(bars).toHaveCount(detail.attempts.length);
    for (const [index, attempt] of detail.attempts.entries()) {
      const bar = bars.nth(index);
      await expect(bar).toHaveAttribute("data-outcome", attempt.status);
      await expect(bar).toContainText(/\d+(\.\d+)?\s?(ms|s|min|h)/);
      const rect = bar.locator("svg rect");
      await expect(rect).toHaveAttribute("width", /%$/);
      // Geometry as SVG attributes, colour from a class: nothing the content security policy blocks.
      await expect(rect).not.toHaveAttribute("style", /.*/);
      const fill = await rect.evaluate((element) => getComputedStyle(element).fill);
      expect(fill).not.toBe("rgb(0, 0, 0)");
    }
  });
});
