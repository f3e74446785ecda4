import type { z } from "zod";
import type { ScopedDb } from "../tenancy/scoped-db";
import type { JobPayload } from "./payload";

export type JobScope = "tenant" | "system";

/**
 * Who may queue a run of the job from the API: any member of the business, its admins, or only
 * system admins (and the system itself: schedules, the command line). System admins may trigger
 * everything.
 */
export type JobTrigger = "member" | "admin" | "system";

export interface JobLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface StoredArtifact {
  /** The Attachment row's id; downloadable at /api/attachments/<id> by users of the business. */
  id: string;
  fileName: string;
  size: number;
  sha256: string;
}

/** Artifact storage bound to the run's business (see lib/storage); a handler cannot name another folder. */
export interface JobStorage {
  writeArtifact(input: {
    purpose: string;
    fileName: string;
    contentType: string;
    content: string | Uint8Array;
  }): Promise<StoredArtifact>;
  /** Removes the artifact's file and its Attachment row; null when no such artifact exists in this business. */
  deleteArtifact(input: { id: string }): Promise<{ bytesFreed: number } | null>;
}

export interface JobActor {
  userId: string;
}

export interface JobContext<P> {
  runId: string;
  attempt: number;
  /** Null only for system jobs; a tenant job never runs without one. */
  businessId: string | null;
  actor: JobActor | null;
  params: P;
  payload: JobPayload;
  /** Database time at which this attempt was claimed; handlers measure "now" from it. */
  startedAt: Date;
  /** Scoped to the run's business (all businesses for system jobs). */
  db: ScopedDb;
  storage: JobStorage;
  /** Aborts on timeout, cancel, lost lease or worker shutdown. */
  signal: AbortSignal;
  log: JobLog;
  progress(fraction: number, message?: string): Promise<void>;
}

export interface BackoffPolicy {
  /** Delay before the second attempt; each further attempt doubles it. */
  baseMs: number;
  /** No delay exceeds this, jitter included. */
  maxMs: number;
  /** Share of the delay that is randomized (0 = none, 1 = anywhere from 0 to the full delay). */
  jitter?: number;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  type: string;
  title: string;
  description: string;
  scope: JobScope;
  triggeredBy: JobTrigger;
  params: S;
  maxAttempts: number;
  timeoutMs: number;
  backoff: BackoffPolicy;
  run(context: JobContext<z.output<S>>): Promise<unknown>;
}

type JobOptions<S extends z.ZodType> = Omit<JobDefinition<S>, "maxAttempts" | "timeoutMs" | "backoff" | "triggeredBy"> &
  Partial<Pick<JobDefinition<S>, "maxAttempts" | "timeoutMs" | "backoff" | "triggeredBy">>;

const TRIGGERS: readonly JobTrigger[] = ["member", "admin", "system"];

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 10 * 60 * 1000, jitter: 0.25 };

export function defineJob<S extends z.ZodType>(options: JobOptions<S>): JobDefinition<S> {
  if (!/^[a-z][a-z0-9-]{1,62}$/.test(options.type)) throw new Error(`Invalid job type name: ${options.type}`);
  if (options.scope !== "tenant" && options.scope !== "system") {
    throw new Error(`Job ${options.type}: scope must be "tenant" or "system"`);
  }
  const definition: JobDefinition<S> = {
    maxAttempts: 3,
    timeoutMs: 5 * 60 * 1000,
    // A job that does not say who may trigger it is left to the fewest callers.
    triggeredBy: options.scope === "system" ? "system" : "admin",
    ...options,
    backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
  };
  if (!TRIGGERS.includes(definition.triggeredBy)) {
    throw new Error(`Job ${options.type}: triggeredBy must be "member", "admin" or "system"`);
  }
  if (definition.scope === "system" && definition.triggeredBy !== "system") {
    throw new Error(`Job ${options.type}: a system job can only be triggered by system admins (triggeredBy "system")`);
  }
  if (!Number.isInteger(definition.maxAttempts) || definition.maxAttempts < 1) {
    throw new Error(`Job ${options.type}: maxAttempts must be a positive integer`);
  }
  if (!(definition.timeoutMs > 0)) throw new Error(`Job ${options.type}: timeoutMs must be positive`);
  const { baseMs, maxMs, jitter = 0 } = definition.backoff;
  if (!(baseMs >= 0 && maxMs >= baseMs && jitter >= 0 && jitter <= 1)) {
    throw new Error(`Job ${options.type}: backoff needs 0 <= baseMs <= maxMs and 0 <= jitter <= 1`);
  }
  return definition;
}
