import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** What axe found on the page as it is now, one line per failing rule and element. */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact}): ${node.target.join(" ")} — ${violation.help}`),
  );
}

/** Fails the test when the page, in the state it is in now, breaks an accessibility rule axe checks. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), `accessibility violations in state "${state}" at ${page.url()}`).toEqual([]);
}
