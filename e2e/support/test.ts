import { expect, test as base, type Page } from "@playwright/test";
import { axeViolations } from "./accessibility";

/** Chromium reports every blocked script, style, frame or connection on the console in these words. */
const CSP_VIOLATION = /Content Security Policy/i;

/**
 * The `test` every UI spec uses. It fails a test when any page of its browser context reported a
 * Content-Security-Policy violation, so a policy too tight for the app (or markup the policy
 * blocks) shows up as a failing test rather than a silently broken page; and when the state a
 * test leaves its pages in breaks an accessibility rule (specs check the states in between with
 * `expectAccessible`).
 */
export const test = base.extend<{ cspViolations: string[]; accessibleEndState: void }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: Page) =>
        page.on("console", (message) => {
          if (CSP_VIOLATION.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
        });
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(violations);
      expect(violations, "Content-Security-Policy violations reported in the browser console").toEqual([]);
    },
    { auto: true },
  ],
  accessibleEndState: [
    async ({ context }, use, testInfo) => {
      await use();
      // A test that already failed has told its story; a second failure would only hide it.
      if (testInfo.status !== testInfo.expectedStatus) return;
      for (const page of context.pages()) {
        if (page.isClosed() || !page.url().startsWith("http")) continue;
        expect(await axeViolations(page), `accessibility violations at the end of the test, at ${page.url()}`).toEqual([]);
      }
    },
    { auto: true },
  ],
});
