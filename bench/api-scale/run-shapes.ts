import type { SeededRandom } from "../../lib/demo-data/random";

/**
 * What a year of a busy installation looks like, per job type: how often it runs, how long it
 * takes, how often it fails and with what. Figures are plausible, not measured; what matters for
 * the benchmark is that the mix is uneven, as real ones are.
 */
export interface JobShape {
  type: string;
  /** Share of tenant runs. */
  weight: number;
  /** Median duration and the spread of its logarithm (log-normal). */
  medianMs: number;
  sigma: number;
  failureRate: number;
  failures: readonly string[];
  params(random: SeededRandom): Record<string, unknown>;
}

export const TENANT_JOBS: readonly JobShape[] = [
  {
    type: "sync-calendar",
    weight: 0.42,
    medianMs: 1_200,
    sigma: 0.6,
    failureRate: 0.06,
    failures: ["Calendar provider returned 503", "Calendar token expired"],
    params: (r) => ({ calendar: r.pick(["front-desk", "hygienists", "surgery"]), fullResync: r.next() < 0.1 }),
  },
  {
    type: "send-appointment-reminders",
    weight: 0.34,
    medianMs: 3_000,
    sigma: 0.5,
    failureRate: 0.04,
    failures: ["SMTP connection reset", "Rate limited by SMS gateway"],
    params: (r) => ({ daysAhead: r.int(1, 3), channel: r.pick(["email", "sms"]), batches: 5, batchDelayMs: 400 }),
  },
  {
    type: "export-report",
    weight: 0.16,
    medianMs: 8_000,
    sigma: 0.9,
    failureRate: 0.1,
    failures: ["Storage volume is full", "Report query timed out"],
    params: (r) => ({ days: r.pick([7, 30]), format: "csv" }),
  },
  {
    type: "retention-cleanup",
    weight: 0.08,
    medianMs: 2_000,
    sigma: 0.7,
    failureRate: 0.02,
    failures: ["Storage folder is not writable"],
    params: () => ({}),
  },
];

export const SYSTEM_JOB: JobShape = {
  type: "vacuum-database",
  weight: 0,
  medianMs: 900,
  sigma: 0.4,
  failureRate: 0,
  failures: [],
  params: () => ({}),
};

/** Tagged runs carry one or two of these; "backfill" is the rare one the tag filter looks for. */
export const TAGS = [
  { tag: "region:eu", weight: 0.3 },
  { tag: "region:us", weight: 0.3 },
  { tag: "nightly", weight: 0.2 },
  { tag: "customer:vip", weight: 0.1 },
  { tag: "backfill", weight: 0.05 },
  { tag: "priority", weight: 0.05 },
] as const;
export const TAGGED_SHARE = 0.35;
export const RARE_TAG = "backfill";

export const TRIGGER_SOURCES = [
  { source: "schedule", weight: 0.55 },
  { source: "api", weight: 0.3 },
  { source: "manual", weight: 0.1 },
  { source: "cli", weight: 0.05 },
] as const;

export const CANCELLED_RATE = 0.02;

/** Picks from items by their weights (which need not add up to 1). */
export function pickWeighted<T extends { weight: number }>(random: SeededRandom, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let roll = random.next() * total;
  for (const item of items) {
    roll -= item.weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1]!;
}

/** Log-normal: most runs near the median, a long tail of slow ones. */
export function durationMs(random: SeededRandom, shape: JobShape): number {
  return Math.max(5, Math.round(shape.medianMs * Math.exp(shape.sigma * standardNormal(random))));
}

/** Time from queued to started: usually well under a second, now and then a backlog. */
export function queueDelayMs(random: SeededRandom): number {
  if (random.next() < 0.01) return random.int(5_000, 120_000);
  return Math.round(-400 * Math.log(1 - random.next())) + 20;
}

function standardNormal(random: SeededRandom): number {
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
