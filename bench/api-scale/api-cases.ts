import { getBusinessBreakdown, getJobRunDetail, getJobRunStats, listActiveJobRuns, listJobRuns, listRecentJobRuns } from "../../lib/job-runs/service";
import type { JobRunFilters } from "../../lib/job-runs/schemas";
import { ALL_BUSINESSES, businessScope, type Scope } from "../../lib/tenancy";
import { RARE_TAG } from "./run-shapes";

/** The targets at 1M runs: p95 of the server's own time. */
export const LIST_TARGET_MS = 20;
export const STATS_TARGET_MS = 50;

const PAGE = 50;
const DEEP_PAGE = 50;
const DAY = 86_400_000;

export type ApiActor = "member" | "system admin";

export interface ApiCase {
  name: string;
  actor: ApiActor;
  scope: Scope;
  targetMs: number;
  /** One request's worth of service calls; `sample` varies what it asks for where that matters. */
  run(sample: number): Promise<unknown>;
}

/**
 * What the API's read endpoints do per request, called in-process: list (first page, a deep page
 * reached by following cursors, each filter), stats, active, recent and detail, for a member of
 * the largest business and for a system admin (all businesses).
 */
export async function buildApiCases({ memberBusinessId, now }: { memberBusinessId: string; now: number }): Promise<ApiCase[]> {
  return [
    ...(await casesFor("member", businessScope(memberBusinessId), now)),
    ...(await casesFor("system admin", ALL_BUSINESSES, now, memberBusinessId)),
  ];
}

async function casesFor(actor: ApiActor, scope: Scope, now: number, oneBusiness?: string): Promise<ApiCase[]> {
  const walk = await walkPages(scope, DEEP_PAGE - 1);
  const idPrefix = walk.lastIds[Math.floor(walk.lastIds.length / 2)]!.slice(0, 8);
  const list = (name: string, filters: JobRunFilters, cursor?: string): ApiCase => ({
    name,
    actor,
    scope,
    targetMs: LIST_TARGET_MS,
    run: () => listJobRuns({ scope, filters, cursor, limit: PAGE }),
  });
  const stats = (window: "24h" | "7d" | "30d", businessFilter?: string): ApiCase => ({
    name: `stats ${window}${businessFilter ? ", one business" : ""}`,
    actor,
    scope,
    targetMs: STATS_TARGET_MS,
    // An explicit moment: every sample reads the queue itself rather than a count shared by the last one.
    run: () => getJobRunStats({ scope, window, businessFilter, now: new Date() }),
  });
  const breakdown = (window: "24h" | "30d"): ApiCase => ({
    name: `per-business breakdown ${window}`,
    actor,
    scope,
    targetMs: STATS_TARGET_MS,
    run: () => getBusinessBreakdown({ scope, window }),
  });
  return [
    list("list, first page", {}),
    list(`list, page ${DEEP_PAGE} (cursor)`, {}, walk.cursor),
    list("list, status=failed", { status: ["failed"] }),
    list("list, jobType=export-report", { jobType: "export-report" }),
    list(`list, tag=${RARE_TAG}`, { tag: [RARE_TAG] }),
    list("list, 7-day range 3 months back", { from: new Date(now - 97 * DAY), to: new Date(now - 90 * DAY) }),
    list("list, q=calendar (job type)", { q: "calendar" }),
    list("list, q=run id prefix", { q: idPrefix }),
    ...(oneBusiness ? [list("list, one business", { businessId: oneBusiness })] : []),
    stats("24h"),
    stats("7d"),
    stats("30d"),
    ...(oneBusiness ? [stats("30d", oneBusiness)] : []),
    ...(scope.kind === "all" ? (["24h", "30d"] as const).map((window) => breakdown(window)) : []),
    { name: "active", actor, scope, targetMs: LIST_TARGET_MS, run: () => listActiveJobRuns({ scope }) },
    { name: "recent", actor, scope, targetMs: LIST_TARGET_MS, run: () => listRecentJobRuns({ scope }) },
    {
      name: "detail",
      actor,
      scope,
      targetMs: LIST_TARGET_MS,
      run: (sample) => getJobRunDetail({ scope, id: walk.lastIds[sample % walk.lastIds.length]! }),
    },
  ];
}

/** Follows `pages` pages of cursors; keeps the last cursor and each page's last run id (for detail and id search). */
async function walkPages(scope: Scope, pages: number): Promise<{ cursor: string; lastIds: string[] }> {
  let cursor: string | undefined;
  const lastIds: string[] = [];
  for (let page = 0; page < pages; page++) {
    const result = await listJobRuns({ scope, filters: {}, cursor, limit: PAGE });
    if (!result.nextCursor) throw new Error(`Only ${page + 1} pages of runs: too few for a deep page`);
    lastIds.push(result.runs.at(-1)!.id);
    cursor = result.nextCursor;
  }
  return { cursor: cursor!, lastIds };
}
