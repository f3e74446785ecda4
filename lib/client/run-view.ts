import { RUN_STATUSES, type RunOrder, type RunStatus, type StatsWindow } from "@/lib/job-runs/schemas";

/**
 * What the Automation page shows, as kept in its URL so that a view can be shared and reloaded:
 * ?status=failed,running&type=sync-calendar&tag=nightly&from=2026-11-01&to=2026-11-20&q=…&business=…&window=7d&order=oldest
 */
export interface RunView {
  statuses: RunStatus[];
  jobType: string;
  tag: string;
  /** yyyy-mm-dd, a day in the viewer's time zone */
  from: string;
  to: string;
  q: string;
  /** "" for every business the viewer may see, "system", "orphan" or a business id (system admins only) */
  business: string;
  window: StatsWindow;
  /** The history's order by creation time */
  order: RunOrder;
}

/** Filters in the form GET /api/job-runs takes them. */
export interface JobRunListFilters {
  status?: RunStatus[];
  jobType?: string;
  tag?: string;
  from?: string;
  to?: string;
  q?: string;
  businessId?: string;
  /** Left out for the default, newest first. */
  order?: "oldest";
}

export const STATS_WINDOW_OPTIONS: readonly StatsWindow[] = ["24h", "7d", "30d"];
const DEFAULT_WINDOW: StatsWindow = "24h";
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export const EMPTY_RUN_VIEW: RunView = { statuses: [], jobType: "", tag: "", from: "", to: "", q: "", business: "", window: DEFAULT_WINDOW, order: "newest" };

export function readRunView(params: URLSearchParams): RunView {
  const statuses = (params.get("status") ?? "")
    .split(",")
    .map((status) => status.trim())
    .filter((status): status is RunStatus => (RUN_STATUSES as readonly string[]).includes(status));
  const window = params.get("window");
  return {
    statuses: RUN_STATUSES.filter((status) => statuses.includes(status)),
    jobType: params.get("type")?.trim() ?? "",
    tag: params.get("tag")?.trim() ?? "",
    from: validDay(params.get("from")),
    to: validDay(params.get("to")),
    q: params.get("q")?.trim() ?? "",
    business: params.get("business")?.trim() ?? "",
    window: STATS_WINDOW_OPTIONS.find((option) => option === window) ?? DEFAULT_WINDOW,
    order: params.get("order") === "oldest" ? "oldest" : "newest",
  };
}

/** The URL query for a view; defaults are left out so plain URLs stay plain. */
export function writeRunView(view: RunView): string {
  const params = new URLSearchParams();
  if (view.statuses.length) params.set("status", view.statuses.join(","));
  if (view.jobType) params.set("type", view.jobType);
  if (view.tag) params.set("tag", view.tag);
  if (view.from) params.set("from", view.from);
  if (view.to) params.set("to", view.to);
  if (view.q) params.set("q", view.q);
  if (view.business) params.set("business", view.business);
  if (view.window !== DEFAULT_WINDOW) params.set("window", view.window);
  if (view.order === "oldest") params.set("order", "oldest");
  return params.toString();
}

export function hasListFilters(view: RunView): boolean {
  return Boolean(view.statuses.length || view.jobType || view.tag || view.from || view.to || view.q);
}

/** How many of the list's filters are set (a date range counts once). */
export function countListFilters(view: RunView): number {
  return [view.statuses.length > 0, view.jobType, view.tag, view.from || view.to, view.q].filter(Boolean).length;
}

/** A message when the date range cannot match anything, else null. */
export function dateRangeError(view: Pick<RunView, "from" | "to">): string | null {
  return view.from && view.to && view.from > view.to ? "The start date is after the end date." : null;
}

export function toListFilters(view: RunView, { canFilterBusiness }: { canFilterBusiness: boolean }): JobRunListFilters {
  const filters: JobRunListFilters = {};
  if (view.statuses.length) filters.status = view.statuses;
  if (view.jobType) filters.jobType = view.jobType;
  if (view.tag) filters.tag = view.tag;
  if (view.from) filters.from = startOfDay(view.from).toISOString();
  if (view.to) filters.to = endOfDay(view.to).toISOString();
  if (view.q) filters.q = view.q;
  if (canFilterBusiness && view.business) filters.businessId = view.business;
  if (view.order === "oldest") filters.order = "oldest";
  return filters;
}

function validDay(value: string | null): string {
  if (!value || !DAY_PATTERN.test(value)) return "";
  return Number.isNaN(startOfDay(value).getTime()) ? "" : value;
}

function startOfDay(day: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(year ?? NaN, (month ?? NaN) - 1, date ?? NaN, 0, 0, 0, 0);
}

function endOfDay(day: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(year ?? NaN, (month ?? NaN) - 1, date ?? NaN, 23, 59, 59, 999);
}
