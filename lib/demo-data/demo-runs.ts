import type { SeededRandom } from "./random";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export interface SeedRun {
  id: string;
  businessId: string | null;
  scope: "tenant" | "system";
  jobType: string;
  status: string;
  params: Record<string, unknown>;
  result: Record<string, unknown> | null;
  errorMessage: string | null;
  errorStack: string | null;
  attempt: number;
  maxAttempts: number;
  priority: number;
  runAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  heartbeatAt: Date | null;
  progress: number | null;
  progressMessage: string | null;
  tags: string;
  triggerSource: string;
  createdAt: Date;
  updatedAt: Date;
}

const TENANT_TYPES = [
  { type: "send-appointment-reminders", params: (r: SeededRandom) => ({ daysAhead: r.int(1, 3), channel: r.pick(["email", "sms"]), batches: 5, batchDelayMs: 400 }), ms: [800, 6000] },
  { type: "sync-calendar", params: (r: SeededRandom) => ({ calendar: r.pick(["front-desk", "hygienists", "surgery"]), fullResync: r.next() < 0.2 }), ms: [300, 2500] },
  { type: "export-report", params: (r: SeededRandom) => ({ days: r.pick([7, 30]), format: "csv" }), ms: [1500, 12000] },
] as const;

const FAILURES: Record<string, readonly string[]> = {
  "send-appointment-reminders": ["SMTP connection reset", "Rate limited by SMS gateway"],
  "sync-calendar": ["Calendar provider returned 503", "Calendar token expired"],
  "export-report": ["Storage volume is full"],
};

/** Finished runs spread over the last 30 days, plus a few queued and running ones from the last minutes. */
export function demoTenantRuns({
  random,
  businessId,
  count,
  now,
  marker,
  activeRuns = 3,
}: {
  random: SeededRandom;
  businessId: string | null;
  count: number;
  now: number;
  marker?: string;
  /** How many of the runs are queued or running rather than finished. */
  activeRuns?: number;
}): SeedRun[] {
  return Array.from({ length: count }, (_, index) => {
    const kind = random.pick(TENANT_TYPES);
    const active = index < activeRuns;
    const createdAt = active ? now - random.int(10_000, 120_000) : now - random.int(5 * 60_000, 30 * DAY - HOUR);
    const roll = random.next();
    const status = active ? (index === 0 ? "running" : "queued") : roll < 0.8 ? "succeeded" : roll < 0.93 ? "failed" : "cancelled";
    // Only finished runs carry the marker: queued and running ones are executed by the worker, whose
    // handlers refuse params they do not know.
    const params: Record<string, unknown> = { ...kind.params(random), ...(marker && !active ? { note: marker } : {}) };
    return buildRun({ random, businessId, scope: "tenant", jobType: kind.type, status, params, createdAt, durationRange: kind.ms, now });
  });
}

export function demoSystemRuns({ random, count, now }: { random: SeededRandom; count: number; now: number }): SeedRun[] {
  return Array.from({ length: count }, () =>
    buildRun({
      random,
      businessId: null,
      scope: "system",
      jobType: "vacuum-database",
      status: "succeeded",
      params: {},
      createdAt: now - random.int(HOUR, 29 * DAY),
      durationRange: [200, 1500],
      now,
    }),
  );
}

function buildRun({
  random,
  businessId,
  scope,
  jobType,
  status,
  params,
  createdAt,
  durationRange,
  now,
}: {
  random: SeededRandom;
  businessId: string | null;
  scope: "tenant" | "system";
  jobType: string;
  status: string;
  params: Record<string, unknown>;
  createdAt: number;
  durationRange: readonly [number, number];
  now: number;
}): SeedRun {
  const started = status === "queued" ? null : createdAt + random.int(50, 3000);
  const finished = started && status !== "running" ? Math.min(started + random.int(...durationRange), now) : null;
  const failed = status === "failed";
  const attempt = status === "queued" ? 0 : failed ? 3 : status === "succeeded" && random.next() < 0.1 ? 2 : 1;
  const message = failed ? random.pick(FAILURES[jobType] ?? ["Unexpected error"]) : null;
  return {
    id: random.uuid(),
    businessId,
    scope,
    jobType,
    status,
    params,
    result: status === "succeeded" ? { ok: true, items: random.int(1, 400) } : null,
    errorMessage: message,
    errorStack: message ? `Error: ${message}\n    at run (lib/jobs/handlers/${jobType}.ts:42:11)` : null,
    attempt,
    maxAttempts: 3,
    priority: 0,
    runAt: new Date(createdAt),
    startedAt: started ? new Date(started) : null,
    finishedAt: finished ? new Date(finished) : null,
    heartbeatAt: status === "running" ? new Date(now - 2000) : null,
    progress: status === "running" ? 0.4 : status === "succeeded" ? 1 : null,
    progressMessage: status === "running" ? "Batch 2 of 5" : null,
    tags: random.next() < 0.3 ? ",nightly," : random.next() < 0.2 ? ",priority,manual," : "",
    triggerSource: scope === "system" ? "system" : random.pick(["schedule", "schedule", "api", "manual"]),
    createdAt: new Date(createdAt),
    updatedAt: new Date(finished ?? started ?? createdAt),
  };
}
