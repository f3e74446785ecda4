import { test } from "../support/test";
import { expect } from "../support/ui-expect";
import { createMember } from "../support/db";
import { PASSWORD, ROLES } from "../support/roles";

test("[automation] anonymous visitors are sent to sign in and come back after signing in", async ({ page }) => {
  // Its own admin: signing out ends the user's sessions everywhere, the other tests' included.
  const email = `returns-${Date.now()}@acme.example`;
  await createMember({ email, slug: "acme", role: "admin" });
  await page.goto("/automation?status=failed");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in to Automation" })).toBeVisible();

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();

  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/automation\?status=failed$/);
  await expect(page.getByRole("banner")).toContainText(email);
  await expect(page.getByRole("checkbox", { name: "Failed" })).toBeChecked();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/automation");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

test("[automation] a callback URL that leaves the site leads to the automation page after sign-in", async ({ browser, baseURL }) => {
  for (const callbackUrl of ["/%5Cevil.example/phish", "/%09/evil.example", "/%5C%5Cevil.example"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Email").fill(ROLES.acmeMember);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/automation`);
    await expect(page.getByRole("banner")).toContainText(ROLES.acmeMember);
    await context.close();
  }
});
