import type { SeededRandom } from "../../lib/demo-data/random";
import {
  CANCELLED_RATE,
  durationMs,
  pickWeighted,
  queueDelayMs,
  SYSTEM_JOB,
  TAGGED_SHARE,
  TAGS,
  TENANT_JOBS,
  TRIGGER_SOURCES,
  type JobShape,
} from "./run-shapes";
import { pickBusinessIndex, type ScaleTenants } from "./scale-tenants";
import { seededUuid } from "./seeded-uuid";
import type { AttemptRow, AuditRow, LogRow, RunRow } from "./tables";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
const MAX_ATTEMPTS = 3;

export interface HistoryBatch {
  runs: RunRow[];
  attempts: AttemptRow[];
  logs: LogRow[];
  audits: AuditRow[];
}

export interface HistoryOptions {
  random: SeededRandom;
  tenants: ScaleTenants;
  /** Runs in all, system runs and the current queue included. */
  runs: number;
  now: number;
  /**
   * Runs shown as running hold a lease that nobody renews: leave them out when real workers share
   * the database, or their rescue sweep turns them into retries of job types they do not know.
   */
  includeRunning: boolean;
  batchSize: number;
}

/**
 * A year of run history, oldest first, with each run's attempts, log lines and trigger audit
 * event, the way the worker and the trigger path write them: daily system runs, a tenant history
 * that grows over the year and follows office hours (scheduled runs on the hour), and a current
 * queue of scheduled runs plus a few running ones.
 */
export function* syntheticHistory(options: HistoryOptions): Generator<HistoryBatch> {
  const { runs, now, includeRunning } = options;
  const systemRuns = Math.min(365, Math.floor(runs / 100));
  const queued = Math.max(20, Math.round(runs / 2_000));
  const running = includeRunning ? Math.max(5, Math.round(runs / 10_000)) : 0;
  const finished = runs - systemRuns - queued - running;
  if (finished < 0) throw new Error(`${runs} runs are too few for a history`);

  const writer = new HistoryWriter(options);
  for (let day = systemRuns; day >= 1; day--) {
    const createdAt = Math.floor((now - day * DAY) / DAY) * DAY + 3 * HOUR;
    writer.finishedRun({ businessIndex: null, shape: SYSTEM_JOB, source: "schedule", createdAt });
  }
  yield* writer.flush(0);

  for (const { createdAt, source } of creationTimes(options.random, finished, now)) {
    const businessIndex = pickBusinessIndex(options.tenants, options.random.next());
    writer.finishedRun({ businessIndex, shape: pickWeighted(options.random, TENANT_JOBS), source, createdAt });
    yield* writer.flush(options.batchSize);
  }
  for (let index = 0; index < queued + running; index++) {
    writer.activeRun(index < running ? "running" : "queued");
    yield* writer.flush(options.batchSize);
  }
  yield* writer.flush(0);
}

/**
 * Creation times of finished tenant runs, sorted. Volume grows linearly over the year (twice as
 * many runs now as a year ago); scheduled runs start on the hour, the others mostly in office hours.
 */
function* creationTimes(random: SeededRandom, count: number, now: number): Generator<{ createdAt: number; source: string }> {
  const sources = TRIGGER_SOURCES.map((entry) => entry.source);
  // Time and trigger source packed in one float (time × 4 + source) so a typed-array sort keeps them together.
  const packed = new Float64Array(count);
  for (let index = 0; index < count; index++) {
    const source = pickWeighted(random, TRIGGER_SOURCES).source;
    packed[index] = creationTime(random, source, now) * 4 + sources.indexOf(source);
  }
  packed.sort();
  for (const value of packed) {
    const sourceIndex = value % 4;
    yield { createdAt: (value - sourceIndex) / 4, source: sources[sourceIndex]! };
  }
}

function creationTime(random: SeededRandom, source: string, now: number): number {
  for (;;) {
    // Inverse of the cumulative share of a density rising from 0.5 a year ago to 1.5 now.
    const position = (Math.sqrt(1 + 8 * random.next()) - 1) / 2;
    const at = now - MINUTE - Math.floor((1 - position) * YEAR);
    if (source === "schedule") return Math.floor(at / HOUR) * HOUR + random.int(0, 1_500);
    const hour = new Date(at).getUTCHours();
    if ((hour >= 7 && hour < 19) || random.next() < 0.3) return at;
  }
}

interface FinishedRunInput {
  businessIndex: number | null;
  shape: JobShape;
  source: string;
  createdAt: number;
}

class HistoryWriter {
  private batch: HistoryBatch = { runs: [], attempts: [], logs: [], audits: [] };
  private claimSeq = 0;
  private serial = 0;

  constructor(private readonly options: HistoryOptions) {}

  *flush(minimum: number): Generator<HistoryBatch> {
    if (this.batch.runs.length === 0 || this.batch.runs.length < minimum) return;
    yield this.batch;
    this.batch = { runs: [], attempts: [], logs: [], audits: [] };
  }

  finishedRun({ businessIndex, shape, source, createdAt }: FinishedRunInput): void {
    const { random, now } = this.options;
    const roll = random.next();
    const status = roll < CANCELLED_RATE ? "cancelled" : roll < CANCELLED_RATE + shape.failureRate ? "failed" : "succeeded";
    const attempts = status === "failed" ? MAX_ATTEMPTS : status === "cancelled" ? (random.next() < 0.5 ? 0 : 1) : retriesBeforeSuccess(random);
    const run = this.baseRun({ businessIndex, shape, source, createdAt });
    run.status = status;
    run.attempt = attempts;

    let startedAt = createdAt + queueDelayMs(random);
    let finishedAt = Math.min(createdAt + random.int(1_000, 10 * MINUTE), now);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const last = attempt === attempts;
      const duration = durationMs(random, shape);
      finishedAt = Math.min(startedAt + (status === "cancelled" ? Math.round(duration * random.next()) : duration), now);
      const outcome = !last ? "failed" : status;
      const message = outcome === "failed" ? random.pick(shape.failures) : null;
      this.attempt(run, { attempt, startedAt, finishedAt, status: outcome, message, retried: !last });
      if (!last) startedAt = finishedAt + 30_000 * 2 ** (attempt - 1) + queueDelayMs(random);
    }
    if (attempts > 0) {
      run.startedAt = startedAt;
      run.runAt = attempts > 1 ? startedAt - 20 : createdAt;
      run.claimSeq = ++this.claimSeq;
    }
    run.finishedAt = finishedAt;
    run.heartbeatAt = attempts > 0 ? finishedAt : null;
    run.updatedAt = finishedAt;
    if (status === "succeeded") {
      run.result = `{"ok":true,"items":${random.int(1, 400)}}`;
      run.progress = 1;
    } else if (status === "failed") {
      run.errorMessage = this.batch.attempts.at(-1)!.errorMessage;
      run.errorStack = `Error: ${run.errorMessage}\n    at run (lib/jobs/handlers/${shape.type}.ts:42:11)`;
      run.progress = Math.round(random.next() * 100) / 100;
    }
    this.batch.runs.push(run);
  }

  activeRun(status: "queued" | "running"): void {
    const { random, now } = this.options;
    const businessIndex = pickBusinessIndex(this.options.tenants, random.next());
    const source = pickWeighted(random, TRIGGER_SOURCES).source;
    const run = this.baseRun({ businessIndex, shape: pickWeighted(random, TENANT_JOBS), source, createdAt: now - random.int(5_000, 10 * MINUTE) });
    run.status = status;
    if (status === "queued") {
      // Due runs are claimed within seconds; what waits in a healthy queue is scheduled for later.
      run.runAt = now + random.int(HOUR, 3 * DAY);
    } else {
      run.attempt = 1;
      run.startedAt = Math.min(run.createdAt + queueDelayMs(random), now);
      run.heartbeatAt = now;
      run.lockedBy = `worker-${random.int(1, 8)}`;
      run.leaseId = seededUuid(random);
      run.progress = Math.round(random.next() * 100) / 100;
      run.claimSeq = ++this.claimSeq;
      this.attempt(run, { attempt: 1, startedAt: run.startedAt, finishedAt: null, status: "running", message: null, retried: false });
    }
    this.batch.runs.push(run);
  }

  private baseRun({ businessIndex, shape, source, createdAt }: FinishedRunInput): RunRow {
    const { random, tenants } = this.options;
    const businessId = businessIndex === null ? null : tenants.businesses[businessIndex]!.id;
    const triggeredByUserId = source === "manual" && businessIndex !== null ? manualTrigger(random, tenants, businessIndex) : null;
    const idempotencyKey = source === "schedule" ? `${shape.type}@${new Date(createdAt).toISOString()}#${++this.serial}` : null;
    const run: RunRow = {
      id: seededUuid(random),
      businessId,
      scope: businessId ? "tenant" : "system",
      jobType: shape.type,
      status: "queued",
      params: JSON.stringify(shape.params(random)),
      result: null,
      errorMessage: null,
      errorStack: null,
      attempt: 0,
      maxAttempts: MAX_ATTEMPTS,
      priority: random.next() < 0.05 ? 10 : 0,
      runAt: createdAt,
      startedAt: null,
      finishedAt: null,
      heartbeatAt: null,
      lockedBy: null,
      leaseId: null,
      progress: null,
      tags: businessId && random.next() < TAGGED_SHARE ? pickTags(random) : "",
      idempotencyKey,
      dedupeKey: idempotencyKey ? `${businessId ?? "system"}:${idempotencyKey}` : null,
      triggeredByUserId,
      triggerSource: source,
      claimSeq: null,
      createdAt,
      updatedAt: createdAt,
    };
    this.batch.audits.push({
      id: seededUuid(random),
      actorType: triggeredByUserId ? "user" : "system",
      actorUserId: triggeredByUserId,
      businessId,
      action: "run.triggered",
      targetId: run.id,
      details: JSON.stringify({ jobType: shape.type, idempotencyKey, source }),
      createdAt,
    });
    return run;
  }

  // Object literals, not spreads: spread copies of retained objects made generation ten times slower.
  private attempt(
    run: RunRow,
    entry: { attempt: number; startedAt: number; finishedAt: number | null; status: string; message: string | null; retried: boolean },
  ): void {
    const workerId = `worker-${this.options.random.int(1, 8)}`;
    this.batch.attempts.push({
      id: seededUuid(this.options.random),
      runId: run.id,
      businessId: run.businessId,
      attempt: entry.attempt,
      workerId,
      leaseId: `${run.id.slice(0, 8)}-${entry.attempt}-${this.claimSeq}`,
      status: entry.status,
      startedAt: entry.startedAt,
      finishedAt: entry.finishedAt,
      errorMessage: entry.message,
    });
    this.log(run, entry.attempt, "info", `Attempt ${entry.attempt} of ${MAX_ATTEMPTS} started by ${workerId}`, entry.startedAt);
    if (entry.finishedAt === null) return;
    if (entry.status === "succeeded") this.log(run, entry.attempt, "info", "Succeeded", entry.finishedAt);
    else if (entry.status === "cancelled") this.log(run, entry.attempt, "warn", "Cancelled", entry.finishedAt);
    else if (entry.retried) this.log(run, entry.attempt, "warn", `${entry.message}; retrying`, entry.finishedAt);
    else this.log(run, entry.attempt, "error", entry.message!, entry.finishedAt);
  }

  private log(run: RunRow, attempt: number, level: string, message: string, createdAt: number): void {
    this.batch.logs.push({ runId: run.id, businessId: run.businessId, attempt, level, message, createdAt });
  }
}

function retriesBeforeSuccess(random: SeededRandom): number {
  const roll = random.next();
  return roll < 0.92 ? 1 : roll < 0.98 ? 2 : 3;
}

/** The largest business's manual runs are shared between its admin and its member. */
function manualTrigger(random: SeededRandom, tenants: ScaleTenants, businessIndex: number): string {
  if (businessIndex === 0 && random.next() < 0.5) return tenants.member.id;
  return tenants.adminIds[businessIndex]!;
}

function pickTags(random: SeededRandom): string {
  const first = pickWeighted(random, TAGS).tag;
  const second = random.next() < 0.4 ? pickWeighted(random, TAGS).tag : first;
  return first === second ? `,${first},` : `,${first},${second},`;
}
