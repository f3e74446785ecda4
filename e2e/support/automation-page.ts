import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page, TestInfo } from "@playwright/test";
import { JobRunDetail } from "../../lib/client/job-run-schemas";
import { expect } from "./ui-expect";
import { ROLES, type Role } from "./roles";
import { newSignedInContext } from "./sign-in";

/** Helpers for the Automation page's end-to-end tests. */

export const SCREENSHOT_DIR = "test-results/screenshots";

export function historyTable(page: Page): Locator {
  return page.getByRole("table", { name: /^Job runs, (newest|oldest) first$/ });
}

export function historyRows(page: Page): Locator {
  return historyTable(page).locator("tbody tr");
}

export function historyRow(page: Page, runId: string): Locator {
  return historyTable(page).locator(`tbody tr[data-run-id="${runId}"]`);
}

export function activeRun(page: Page, runId: string): Locator {
  return page.getByRole("list", { name: "Queued and running runs" }).locator(`li[data-run-id="${runId}"]`);
}

export interface ActiveRunRecord {
  statuses: string[];
  /** Every aria-valuenow its progress bar showed, in order of first appearance. */
  progress: number[];
}

type RecordingWindow = Window & { activeRunRecords?: Record<string, ActiveRunRecord> };

/**
 * Notes every status and progress value the active-runs list draws, per run, from inside the
 * page: a test can wait for the run to finish and then read what the page showed on the way,
 * instead of sampling a moving page and missing values on a busy machine. Lasts until the page
 * navigates.
 */
export async function recordActiveRuns(page: Page): Promise<void> {
  await page.evaluate(() => {
    const records: Record<string, ActiveRunRecord> = {};
    (window as RecordingWindow).activeRunRecords = records;
    const note = () => {
      for (const item of document.querySelectorAll('ul[aria-label="Queued and running runs"] li[data-run-id]')) {
        const record = (records[item.getAttribute("data-run-id")!] ??= { statuses: [], progress: [] });
        const status = item.querySelector("[data-status]")?.getAttribute("data-status");
        if (status && !record.statuses.includes(status)) record.statuses.push(status);
        const now = item.querySelector("[role=progressbar]")?.getAttribute("aria-valuenow");
        if (now && !record.progress.includes(Number(now))) record.progress.push(Number(now));
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    note();
  });
}

export async function activeRunRecord(page: Page, runId: string): Promise<ActiveRunRecord | undefined> {
  return page.evaluate((id) => (window as RecordingWindow).activeRunRecords?.[id], runId);
}

export async function shownRunIds(page: Page): Promise<string[]> {
  return historyRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-run-id") ?? ""));
}

/** Waits until statistics, charts, active runs and the history table have all been drawn. */
export async function waitForDashboard(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { name: "Automation", level: 1 })).toBeVisible();
  await expect(historyRows(page).first()).toBeVisible();
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await expect(page.getByText(/Loading (statistics|active runs|runs)…|Drawing chart…/)).toHaveCount(0);
}

/** Run ids the given user sees through the API, newest first. */
export async function runIdsVisibleTo(role: Role, query = "limit=100"): Promise<string[]> {
  const context = await newSignedInContext(ROLES[role]);
  try {
    const response = await context.get(`/api/job-runs?${query}`);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { runs: { id: string }[] };
    return body.runs.map((run) => run.id);
  } finally {
    await context.dispose();
  }
}

export interface RunSnapshot {
  id: string;
  status: string;
  progress: number | null;
  params: unknown;
}

/** Queues a run through the API, as a script or another service would. */
export async function triggerRunViaApi(
  page: Page,
  input: { jobType: string; params: Record<string, unknown>; tags?: string[]; runAt?: string },
): Promise<RunSnapshot> {
  const response = await page.request.post("/api/job-runs", { data: input });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { run: RunSnapshot }).run;
}

/** Queues a reminder run due `inMs` from now: it stays queued (scheduled) while a test looks at it. */
export async function queueRunForLater(page: Page, { inMs, tag }: { inMs: number; tag: string }): Promise<RunSnapshot> {
  return triggerRunViaApi(page, {
    jobType: "send-appointment-reminders",
    params: {},
    runAt: new Date(Date.now() + inMs).toISOString(),
    tags: [tag],
  });
}

/** A run with its attempts and log, as the detail page gets it. */
export async function fetchRunDetail(page: Page, runId: string): Promise<JobRunDetail> {
  const response = await page.request.get(`/api/job-runs/${runId}`);
  expect(response.status()).toBe(200);
  return JobRunDetail.parse(await response.json());
}

/** Saves a screenshot where people can find it and attaches it to the test's report. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string, { fullPage = true } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  const image = await page.screenshot({ path: file, fullPage, animations: "disabled" });
  await testInfo.attach(name, { body: image, contentType: "image/png" });
  return file;
}

type RunEventWindow = Window & { runEventIds?: string[] };

/**
 * Notes the id of every `run` event the page's event stream delivers, from inside the page, so a
 * test can tell a pushed change from one the page found by polling. Call before `goto`.
 */
export async function recordPushedRunEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const recorder = window as RunEventWindow;
    recorder.runEventIds = [];
    const Original = window.EventSource;
    window.EventSource = class extends Original {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener("run", (event) => recorder.runEventIds!.push((JSON.parse((event as MessageEvent<string>).data) as { id: string }).id));
      }
    };
  });
}

export async function pushedRunEventIds(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as RunEventWindow).runEventIds ?? []);
}
