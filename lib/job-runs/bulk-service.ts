import { AppError } from "../errors";
import { authorizeBusinessFilter } from "../tenancy/business-filter";
import type { Actor } from "../tenancy/actor";
import { scopedDb } from "../tenancy/scoped-db";
import type { Scope } from "../tenancy/scope";
import { COUNT_CAP, countMatchingRuns, matchingRunIds } from "./bulk-queries";
import { changeRunsInChunk } from "./bulk-write";
import { CANCEL, RETRY, type RunTransition } from "./manage-service";
import { BULK_LIMIT, type BulkAction, type JobRunBulkRequest, type JobRunFilters, type RunStatus } from "./schemas";

const TRANSITIONS: Record<BulkAction, RunTransition> = { cancel: CANCEL, retry: RETRY };
/** Runs changed per transaction: short enough that a worker waiting on SQLite's write lock is not held up for long. */
const CHUNK = 200;

export type BulkOutcome =
  | { id: string; outcome: "done"; status: RunStatus }
  | { id: string; outcome: "skipped"; status: RunStatus }
  | { id: string; outcome: "not_found" };

export interface BulkResult {
  action: BulkAction;
  dryRun: false;
  counts: { done: number; skipped: number; notFound: number };
  results: BulkOutcome[];
}

export interface BulkPreview {
  action: BulkAction;
  dryRun: true;
  /** Runs selected (counted up to COUNT_CAP + 1); a filter selects every run the list shows with it. */
  matched: number;
  /** Of those, the runs in a state the action applies to. */
  eligible: number;
  limit: number;
}

/**
 * Cancels or retries many runs, each with the single action's guarded write and its own audit
 * row. A run of another business is "not_found", like a missing one; a run in a state the action
 * does not apply to, or that changed while the request ran, is "skipped". More than BULK_LIMIT
 * runs are refused before anything changes.
 */
export async function bulkChangeJobRuns({
  scope,
  actor,
  input,
}: {
  scope: Scope;
  actor: Actor;
  input: JobRunBulkRequest;
}): Promise<BulkResult | BulkPreview> {
  const transition = TRANSITIONS[input.action];
  const filters = input.filter && { ...input.filter, businessId: authorizeBusinessFilter(scope, input.filter.businessId) };
  if (input.dryRun) return previewBulkChange({ scope, action: input.action, transition, ids: input.ids, filters });

  const ids = filters ? await idsMatchingWithinLimit(scope, filters) : [...new Set(input.ids)];
  const db = scopedDb(scope);
  const found = await db.jobRun.findMany({
    where: { id: { in: ids } },
    select: { id: true, status: true, attempt: true, maxAttempts: true, businessId: true },
  });
  const byId = new Map(found.map((run) => [run.id, run]));
  const eligible = found.filter((run) => transition.from.includes(run.status));

  const changed = new Set<string>();
  for (let start = 0; start < eligible.length; start += CHUNK) {
    for (const id of await changeRunsInChunk({ db, actor, transition, runs: eligible.slice(start, start + CHUNK) })) changed.add(id);
  }

  const written = (input.action === "cancel" ? "cancelled" : "queued") as RunStatus;
  const results = ids.map((id): BulkOutcome => {
    const run = byId.get(id);
    if (!run) return { id, outcome: "not_found" };
    if (changed.has(id)) return { id, outcome: "done", status: written };
    return { id, outcome: "skipped", status: run.status as RunStatus };
  });
  return {
    action: input.action,
    dryRun: false,
    counts: {
      done: changed.size,
      skipped: results.filter((result) => result.outcome === "skipped").length,
      notFound: results.filter((result) => result.outcome === "not_found").length,
    },
    results,
  };
}

async function idsMatchingWithinLimit(scope: Scope, filters: JobRunFilters): Promise<string[]> {
  const ids = await matchingRunIds({ scope, filters, limit: BULK_LIMIT + 1 });
  if (ids.length <= BULK_LIMIT) return ids;
  const count = await countMatchingRuns({ scope, filters });
  throw new AppError(
    "bad_request",
    `The filter matches ${describeCount(count)} runs; at most ${BULK_LIMIT.toLocaleString("en-US")} can be changed in one request. Narrow the filter and try again.`,
  );
}

async function previewBulkChange({
  scope,
  action,
  transition,
  ids,
  filters,
}: {
  scope: Scope;
  action: BulkAction;
  transition: RunTransition;
  ids?: string[];
  filters?: JobRunFilters;
}): Promise<BulkPreview> {
  if (filters) {
    const statuses = (filters.status?.length ? filters.status : transition.from).filter((status) => transition.from.includes(status));
    const [matched, eligible] = await Promise.all([
      countMatchingRuns({ scope, filters }),
      statuses.length ? countMatchingRuns({ scope, filters: { ...filters, status: statuses as RunStatus[] } }) : 0,
    ]);
    return { action, dryRun: true, matched, eligible, limit: BULK_LIMIT };
  }
  const found = await scopedDb(scope).jobRun.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { status: true } });
  const eligible = found.filter((run) => transition.from.includes(run.status)).length;
  return { action, dryRun: true, matched: found.length, eligible, limit: BULK_LIMIT };
}

function describeCount(count: number): string {
  return count > COUNT_CAP ? `more than ${COUNT_CAP.toLocaleString("en-US")}` : count.toLocaleString("en-US");
}
