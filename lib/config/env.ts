import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .default("file:./data/automation.db")
    .refine((url) => /^(file:|postgres(ql)?:\/\/)/.test(url), {
      message: "must start with file: (SQLite) or postgresql:// (PostgreSQL)",
    }),
  /** PostgreSQL connections each process keeps open at most. */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  AUTH_SECRET_FILE: z.string().default("./data/auth-secret"),
  STORAGE_DIR: z.string().default("./data/storage"),
  /** Public origin of the web app, used for the cross-site check when a proxy rewrites Host. */
  APP_ORIGIN: z.url().optional(),
  /**
   * How many proxies in front of the web app append to X-Forwarded-For (and set X-Forwarded-Host
   * and -Proto). 0: forwarded headers come from the client and are ignored.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),

  /**
   * Lets a scraper read GET /api/metrics with `Authorization: Bearer <token>`; unset, only signed-in
   * system admins can.
   */
  METRICS_TOKEN: z.string().trim().min(32, "must be at least 32 characters").optional(),

  /** Business slugs that always get their own `business` label on the worker metrics. */
  METRICS_BUSINESS_LABELS: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ?? "").split(",").map((slug) => slug.trim()).filter(Boolean)),
  /** How many of the most active businesses also get their own `business` label; the rest are `other`. */
  METRICS_TOP_BUSINESSES: z.coerce.number().int().min(0).max(200).default(20),
  /** When set, each worker process serves its own metrics on http://<host>:<port>/metrics. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),

  /** auto: pretty lines when stderr is a terminal, JSON lines otherwise; json or pretty: always that. */
  LOG_FORMAT: z.enum(["auto", "json", "pretty"]).default("auto"),
  /** Lowest level written to the JSON logs on stderr. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  /** Runs one worker process executes at the same time. */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /** Runs a worker claims beyond its free slots, so a freed slot starts the next run at once; twice the concurrency when unset, 0 turns it off. */
  WORKER_CLAIM_AHEAD: z.coerce.number().int().min(0).max(256).optional(),
  /** How long a finished run waits for others so their successes are written in one statement. */
  WORKER_COMPLETION_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(2),
  /** How often an idle worker looks for runs whose time has come. */
  WORKER_POLL_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  /** How often a worker proves it is alive for its running runs; also how fast a cancel is noticed. */
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
  /** A running run whose heartbeat is older than this is presumed abandoned and rescued. */
  WORKER_RESCUE_AFTER_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** On SIGTERM/SIGINT, running handlers get this long to finish before they are aborted and released. */
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** How long a worker keeps trying to reach the database at start before it exits with an error. */
  WORKER_START_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Names the worker in leases and attempts; host and pid by default. */
  WORKER_ID: z.string().trim().min(1).max(100).optional(),
  /** Whether the worker process also runs the cron scheduler's tick. */
  WORKER_RUN_SCHEDULER: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((value) => value === "true" || value === "1"),
  /** How often the scheduler checks for due cron slots. */
  SCHEDULER_TICK_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  /** Finished runs older than this are removed by retention cleanup. */
  RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Reads and validates the environment once; a bad variable stops the process with its name. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = EnvSchema.safeParse(emptyToUndefined(source));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}

/** For a process that moves to another configuration (a benchmark's next database): read it afresh. */
export function forgetCachedEnv(): void {
  cached = undefined;
}

export function databaseProvider(url: string): "sqlite" | "postgresql" {
  return url.startsWith("file:") ? "sqlite" : "postgresql";
}

// An exported-but-empty variable (FOO=) means "not set", not "set to nothing".
function emptyToUndefined(source: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([key, value]) => [key, value === "" ? undefined : value]));
}
