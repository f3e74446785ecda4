import { z } from "zod";
import { SwitchBusinessBody } from "../api/active-business";
import type { ErrorCode } from "../errors";
import { BusinessList, BusinessSwitched, Me } from "../client/account-schemas";
import { ActiveJobRuns, BulkAnswer, BusinessBreakdown, JobRunDetail, JobRunPage, JobRunStats, JobTypes, RecentJobRuns, RunChange, TriggerResult } from "../client/job-run-schemas";
import { BusinessOnlyQuery, JobRunBulkRequest, JobRunCreate, JobRunListQuery, NoQuery, RunId, StatsQuery, WindowQuery } from "../job-runs/schemas";
import { AttachmentId } from "../storage/attachment-id";
import { WorkerList } from "../client/worker-schemas";

/** One route handler's method, described by the schemas it validates with and answers in. */
export interface Operation {
  path: string;
  method: "get" | "post";
  summary: string;
  /** false: answers without a session (health checks, this description). */
  signedIn: boolean;
  /** Also readable with the metrics token; everyone else gets the 404 of a missing route, never a 401 or 403. */
  metricsToken?: boolean;
  /** Only a signed-in system admin may call it; everyone else gets the 404 of a missing route, never a 401 or 403. */
  systemAdminOnly?: boolean;
  pathParams?: Record<string, z.ZodType>;
  query?: z.ZodType;
  body?: z.ZodType;
  responses: Record<
    number,
    { description: string; schema?: z.ZodType; binary?: boolean; text?: boolean; eventStream?: boolean; empty?: boolean }
  >;
  /** Error codes beyond those every signed-in route may answer. */
  errors?: ErrorCode[];
}

const HealthStatus = z.object({ status: z.literal("ok") });
const HealthUnavailable = z.object({ status: z.literal("unavailable") });
/** The description itself is free-form JSON to its own schema. */
const OpenApiDocument = z.record(z.string(), z.unknown());

const QUERY_ERRORS: ErrorCode[] = ["bad_request"];
const ONE_RECORD_ERRORS: ErrorCode[] = ["bad_request", "not_found"];
const JSON_BODY_ERRORS: ErrorCode[] = ["bad_request", "payload_too_large", "unsupported_media_type"];
const RUN_CHANGE_ERRORS: ErrorCode[] = [...ONE_RECORD_ERRORS, "business_suspended", "conflict"];

/** POST /api/job-runs/{id}/<action>: one run changes state, by its business's admins. */
function runChange(action: string, summary: string, answer: string): Operation {
  return {
    path: `/api/job-runs/{id}/${action}`,
    method: "post",
    summary,
    signedIn: true,
    pathParams: { id: RunId },
    responses: { 200: { description: answer, schema: RunChange } },
    errors: RUN_CHANGE_ERRORS,
  };
}

/** GET of a list of runs narrowed by nothing but the business (system admins). */
function runList(path: string, summary: string, schema: z.ZodType): Operation {
  return { path, method: "get", summary, signedIn: true, query: BusinessOnlyQuery, responses: { 200: { description: "The runs", schema } }, errors: QUERY_ERRORS };
}

export const OPERATIONS: Operation[] = [
  {
    path: "/api/job-runs",
    method: "get",
    summary: "List runs, newest first, with filters and a keyset cursor (`status` takes a comma list)",
    signedIn: true,
    query: JobRunListQuery,
    responses: { 200: { description: "A page of runs", schema: JobRunPage } },
    errors: QUERY_ERRORS,
  },
  {
    path: "/api/job-runs",
    method: "post",
    summary: "Trigger a run; the same idempotency key answers the first run again with 200",
    signedIn: true,
    body: JobRunCreate,
    responses: {
      201: { description: "The run was queued", schema: TriggerResult },
      200: { description: "A run with this idempotency key already exists", schema: TriggerResult },
    },
    errors: [...JSON_BODY_ERRORS, "business_suspended", "not_found", "conflict", "idempotency_conflict"],
  },
  {
    path: "/api/job-runs/{id}",
    method: "get",
    summary: "One run with attempts, logs, attachments, audit trail and child runs",
    signedIn: true,
    pathParams: { id: RunId },
    responses: { 200: { description: "The run", schema: JobRunDetail } },
    errors: ONE_RECORD_ERRORS,
  },
  runChange("cancel", "Cancel a queued or running run (business admins and system admins)", "The cancelled run"),
  runChange("retry", "Queue a failed or cancelled run again (business admins and system admins)", "The run, queued again"),
  {
    path: "/api/job-runs/bulk",
    method: "post",
    summary:
      "Cancel or retry up to 1,000 runs named by ids or by the list's filters (business admins and system admins); each run's outcome is done, skipped or not_found, and dryRun counts without changing anything",
    signedIn: true,
    body: JobRunBulkRequest,
    responses: { 200: { description: "Each run's outcome, or with dryRun the counts", schema: BulkAnswer } },
    errors: [...JSON_BODY_ERRORS, "business_suspended"],
  },
  runList("/api/job-runs/active", "Queued and running runs with their progress", ActiveJobRuns),
  runList("/api/job-runs/recent", "The most recently finished runs", RecentJobRuns),
  {
    path: "/api/job-runs/stats",
    method: "get",
    summary: "Counts, success rate, durations and a time series over a window",
    signedIn: true,
    query: StatsQuery,
    responses: { 200: { description: "The statistics", schema: JobRunStats } },
    errors: QUERY_ERRORS,
  },
  {
    path: "/api/job-runs/stats/businesses",
    method: "get",
    summary:
      "Per business with activity: runs created and failed in a window, and its queued, scheduled and running runs and the age of its oldest due run now (system admins only; 403 forbidden for everyone else)",
    signedIn: true,
    query: WindowQuery,
    responses: { 200: { description: "The breakdown by business", schema: BusinessBreakdown } },
    errors: QUERY_ERRORS,
  },
  {
    path: "/api/job-runs/types",
    method: "get",
    summary: "Job types the caller may trigger, with their parameter schemas, and job types seen in history",
    signedIn: true,
    query: NoQuery,
    responses: { 200: { description: "The job types", schema: JobTypes } },
    errors: QUERY_ERRORS,
  },
  {
    path: "/api/job-runs/events",
    method: "get",
    summary:
      "Run changes in the caller's scope as Server-Sent Events: `run` {id, businessId, status}, `paused`, `resync`, `closed` {reason}",
    signedIn: true,
    responses: {
      200: { description: "An event stream that stays open, with heartbeat comments", eventStream: true },
      204: { description: "This database cannot push changes (SQLite): poll the other routes instead", empty: true },
    },
  },
  {
    path: "/api/attachments/{id}",
    method: "get",
    summary: "Download an artifact of a run of the caller's business",
    signedIn: true,
    pathParams: { id: AttachmentId },
    responses: { 200: { description: "The file, with its own content type and a download disposition", binary: true } },
    errors: ONE_RECORD_ERRORS,
  },
  {
    path: "/api/businesses",
    method: "get",
    summary: "Businesses the caller can pick: all for system admins, else their own",
    signedIn: true,
    query: NoQuery,
    responses: { 200: { description: "The businesses", schema: BusinessList } },
    errors: QUERY_ERRORS,
  },
  {
    path: "/api/me",
    method: "get",
    summary: "The signed-in user, their memberships and the business they are working in",
    signedIn: true,
    responses: { 200: { description: "The signed-in user", schema: Me } },
  },
  {
    path: "/api/session/business",
    method: "post",
    summary: "Switch the active business of a user with several memberships (sets a cookie)",
    signedIn: true,
    body: SwitchBusinessBody,
    responses: { 200: { description: "The business now active", schema: BusinessSwitched } },
    errors: JSON_BODY_ERRORS,
  },
  {
    path: "/api/health/live",
    method: "get",
    summary: "The process is up",
    signedIn: false,
    responses: { 200: { description: "Up", schema: HealthStatus } },
  },
  {
    path: "/api/health/ready",
    method: "get",
    summary: "The database answers and every migration is applied",
    signedIn: false,
    responses: {
      200: { description: "Ready", schema: HealthStatus },
      503: { description: "Not ready", schema: HealthUnavailable },
    },
  },
  {
    path: "/api/openapi.json",
    method: "get",
    summary: "This description",
    signedIn: false,
    responses: { 200: { description: "The OpenAPI 3.1 document", schema: OpenApiDocument } },
  },
  {
    path: "/api/metrics",
    method: "get",
    summary: "Queue gauges and request durations in the Prometheus text format (the metrics token or a system admin)",
    signedIn: true,
    metricsToken: true,
    responses: { 200: { description: "The metrics, in the Prometheus text exposition format 0.0.4", text: true } },
    errors: ["not_found"],
  },
  {
    path: "/api/workers",
    method: "get",
    summary: "Registered worker processes, their heartbeats and the runs each holds (system admins only)",
    signedIn: true,
    systemAdminOnly: true,
    query: NoQuery,
    responses: { 200: { description: "Every registered worker, stale ones marked", schema: WorkerList } },
    errors: ["bad_request", "not_found"],
  },
];
