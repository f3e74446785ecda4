export type { Completion } from "./complete-runs";
export { RunQueue, type AttemptOutcome, type Lease, type LogLevel, type LogLine, type RunFailure, type StaleRun } from "./run-queue";
export type { ClaimedRun } from "./claimed-run";
export type { QueueDialect } from "./dialect";
export type { RunStartFacts } from "./start-facts";
export { sqliteDialect } from "./sqlite-dialect";
export { postgresDialect } from "./postgres-dialect";
export { queueDialectFor } from "./dialects";
