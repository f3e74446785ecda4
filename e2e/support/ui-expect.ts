import { expect as baseExpect } from "@playwright/test";

/**
 * The page loads its data after the first paint, from several route handlers at once; on a busy
 * two-core machine (server, worker and browsers together) that can take longer than the default
 * five seconds. Real failures still fail, just later.
 */
export const expect = baseExpect.configure({ timeout: 20_000 });
