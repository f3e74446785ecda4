import { expect, test as base, type Page } from "@playwright/test";

/** Chromium reports every blocked script, style, frame or connection on the console in these words. */
const CSP_VIOLATION = /Content Security Policy/i;

/**
 * The `test` every UI spec uses: it fails a test when any page of its browser context reported a
 * Content-Security-Policy violation, so a policy too tight for the app (or markup the policy
 * blocks) shows up as a failing test rather than a silently broken page.
 */
export const test = base.extend<{ cspViolations: string[] }>({
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
});
