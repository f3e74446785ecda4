import { readRunView, writeRunView } from "./run-view";

/**
 * The run list a run page was opened from travels with it as `?list=<the list's query>`, so that
 * "All runs" (and links from run to run) lead back to the same filtered list. Only the list's own
 * parameters survive the trip.
 */
export const LIST_QUERY_PARAM = "list";

export function cleanListQuery(query: string | null | undefined): string {
  return query ? writeRunView(readRunView(new URLSearchParams(query))) : "";
}

export function runPageHref(runId: string, listQuery: string): string {
  const list = cleanListQuery(listQuery);
  return `/automation/runs/${encodeURIComponent(runId)}${list ? `?${LIST_QUERY_PARAM}=${encodeURIComponent(list)}` : ""}`;
}

export function listPageHref(listQuery: string): string {
  const list = cleanListQuery(listQuery);
  return list ? `/automation?${list}` : "/automation";
}
