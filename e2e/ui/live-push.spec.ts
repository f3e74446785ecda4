import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { historyRow, historyRows, pushedRunEventIds, recordPushedRunEvents } from "../support/automation-page";
import { contextFor } from "../support/contexts";
import { storageStatePath } from "../support/roles";

const PUSHES = process.env.TEST_DATABASE === "postgresql";

/**
 * While the stream is open the idle poll only runs every 30 s, so a row that appears well before
 * that was pushed. The timeout is that bound, not a speed target: speed is measured, not asserted.
 */
const BEFORE_THE_SAFETY_NET_POLL_MS = 15_000;

test.describe("live updates", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] a run another user triggers through the API is pushed to the idle page", async ({ page }, testInfo) => {
    test.skip(!PUSHES, "Only PostgreSQL pushes run changes; SQLite pages poll (idle-liveness.spec.ts)");
    const tag = `e2e-live-push-${Date.now()}`;
    await recordPushedRunEvents(page);
    const streamOpened = page.waitForResponse((response) => response.url().endsWith("/api/job-runs/events"));
    await page.goto(`/automation?tag=${tag}`);
    expect((await streamOpened).status()).toBe(200);
    await expect(page.getByText("No runs match these filters")).toBeVisible();

    const member = await contextFor("acmeMember");
    try {
      const response = await member.post("/api/job-runs", {
        data: { jobType: "send-appointment-reminders", params: {}, runAt: new Date(Date.now() + 24 * 3600_000).toISOString(), tags: [tag] },
      });
      expect(response.status(), await response.text()).toBe(201);
      const committedAt = Date.now();
      const { run } = (await response.json()) as { run: { id: string } };
      await expect(historyRow(page, run.id)).toBeVisible({ timeout: BEFORE_THE_SAFETY_NET_POLL_MS });
      testInfo.annotations.push({ type: "trigger-to-row", description: `${Date.now() - committedAt} ms after the trigger answered` });
      // Pushed, not found by a poll: the page's stream delivered the change.
      expect(await pushedRunEventIds(page)).toContain(run.id);
      await expect(historyRows(page)).toHaveCount(1);
    } finally {
      await member.dispose();
    }
  });

  test("[automation] a run page follows its run's changes without a reload", async ({ page }) => {
    test.skip(!PUSHES, "Only PostgreSQL pushes run changes");
    const member = await contextFor("acmeAdmin");
    try {
      const created = await member.post("/api/job-runs", {
        data: { jobType: "send-appointment-reminders", params: {}, runAt: new Date(Date.now() + 24 * 3600_000).toISOString(), tags: ["e2e-live-push"] },
      });
      const { run } = (await created.json()) as { run: { id: string } };
      await recordPushedRunEvents(page);
      const streamOpened = page.waitForResponse((response) => response.url().endsWith("/api/job-runs/events"));
      await page.goto(`/automation/runs/${run.id}`);
      await streamOpened;
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Queued");
      // A scheduled run is polled slowly; the cancel by someone else arrives by push.
      expect((await member.post(`/api/job-runs/${run.id}/cancel`)).status()).toBe(200);
      await expect.poll(() => pushedRunEventIds(page)).toContain(run.id);
      await expect(page.getByRole("heading", { level: 1 })).toContainText("Cancelled", { timeout: BEFORE_THE_SAFETY_NET_POLL_MS });
    } finally {
      await member.dispose();
    }
  });

  test("[automation] where the database cannot push, the page is told so and keeps polling", async ({ page }) => {
    test.skip(PUSHES, "PostgreSQL pushes");
    const answered = page.waitForResponse((response) => response.url().endsWith("/api/job-runs/events"));
    await page.goto("/automation");
    expect((await answered).status()).toBe(204);
    // The list is asked again without any change on the page: the idle poll carries on.
    await page.waitForResponse((response) => new URL(response.url()).pathname === "/api/job-runs");
  });
});
