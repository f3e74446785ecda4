export type LogLevel = "info" | "warn" | "error";
export type AttemptOutcome = "succeeded" | "failed" | "cancelled" | "timed_out" | "released" | "rescued";

export interface LogLine {
  runId: string;
  businessId: string | null;
  attempt: number;
  level: LogLevel;
  message: string;
}

export interface Lease {
  runId: string;
  leaseId: string;
}

export interface RunFailure {
  message: string;
  stack: string | null;
}

export interface StaleRun {
  runId: string;
  /** Null for runs marked running without a lease (imported or legacy rows). */
  leaseId: string | null;
  businessId: string | null;
  attempt: number;
}

export const MAX_MESSAGE = 2_000;
export const MAX_STACK = 8_000;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
