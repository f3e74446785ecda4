import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { PASSWORD, ROLES } from "../support/roles";

test("[automation] anonymous visitors are sent to sign in and come back after signing in", async ({ page }) => {
  await page.goto("/automation?status=failed");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in to Automation" })).toBeVisible();

  await page.getByLabel("Email").fill(ROLES.acmeAdmin);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/automation\?status=failed$/);
  await expect(page.getByRole("banner")).toContainText(ROLES.acmeAdmin);
  await expect(page.getByRole("checkbox", { name: "Failed" })).toBeChecked();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/automation");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});
