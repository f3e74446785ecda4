import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { historyRow, historyRows } from "../support/automation-page";
import { contextFor } from "../support/contexts";
import { storageStatePath } from "../support/roles";

/** With nothing active, the page still notices runs that someone else starts. */
test.describe("idle page", () => {
  test.use({ storageState: storageStatePath("acmeAdmin") });

  test("[automation] a run triggered by another member appears without a reload", async ({ page }) => {
    await page.goto("/automation?tag=e2e-idle-liveness");
    await expect(page.getByText("No runs match these filters")).toBeVisible();

    const member = await contextFor("acmeMember");
    try {
      const response = await member.post("/api/job-runs", {
        data: {
          jobType: "send-appointment-reminders",
          params: {},
          runAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
          tags: ["e2e-idle-liveness"],
        },
      });
      expect(response.status(), await response.text()).toBe(201);
      const { run } = (await response.json()) as { run: { id: string } };
      // Idle polling backs off to at most ten seconds; the assertion allows for a busy machine.
      await expect(historyRow(page, run.id)).toBeVisible({ timeout: 25_000 });
      await expect(historyRows(page)).toHaveCount(1);
    } finally {
      await member.dispose();
    }
  });
});
