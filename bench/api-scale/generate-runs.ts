import { databaseProvider } from "../../lib/config/env";
import { seededRandom } from "../../lib/demo-data/random";
import { postgresSink } from "./postgres-sink";
import type { RowSink } from "./row-sink";
import { buildTenants, SCALE_PASSWORD } from "./scale-tenants";
import { sqliteSink } from "./sqlite-sink";
import { syntheticHistory } from "./synthetic-history";
import { AUDIT_EVENTS, BUSINESSES, JOB_RUN_ATTEMPTS, JOB_RUN_LOGS, JOB_RUNS, MEMBERSHIPS, USERS } from "./tables";

export interface GenerateRunsOptions {
  /** An empty, migrated database: SQLite (file:) or PostgreSQL. */
  url: string;
  runs: number;
  businesses: number;
  /** See HistoryOptions.includeRunning. */
  includeRunning?: boolean;
  seed?: number;
  now?: number;
  progress?(message: string): void;
}

export interface GeneratedDataset {
  runs: number;
  businesses: number;
  /** Attempts, log lines and audit events written along with the runs. */
  related: number;
  password: string;
  member: { email: string; businessId: string; runsInBusiness: number };
  sysadmin: { email: string };
  /** The moment the history ends; the queue's scheduled runs lie after it. */
  now: number;
  seconds: number;
}

// Small batches: rows held longer survive into the old generation and garbage collection then dominates.
const BATCH = 1_000;

/** Fills a database with businesses, their users and a year of run history (see syntheticHistory). */
export async function generateRuns(options: GenerateRunsOptions): Promise<GeneratedDataset> {
  const { url, runs, businesses, now = Date.now(), progress } = options;
  const startedAt = performance.now();
  const random = seededRandom(options.seed ?? 20261125);
  const tenants = await buildTenants(random, businesses, now);
  const sink: RowSink = databaseProvider(url) === "postgresql" ? await postgresSink(url) : sqliteSink(url);
  let written = 0;
  let related = 0;
  let runsInMemberBusiness = 0;
  try {
    await sink.insert(BUSINESSES, tenants.businesses);
    await sink.insert(USERS, tenants.users);
    await sink.insert(MEMBERSHIPS, tenants.memberships);
    const history = syntheticHistory({ random, tenants, runs, now, includeRunning: options.includeRunning ?? true, batchSize: BATCH });
    let reported = 0;
    for (const batch of history) {
      await sink.insert(JOB_RUNS, batch.runs);
      await sink.insert(JOB_RUN_ATTEMPTS, batch.attempts);
      await sink.insert(JOB_RUN_LOGS, batch.logs);
      await sink.insert(AUDIT_EVENTS, batch.audits);
      written += batch.runs.length;
      related += batch.attempts.length + batch.logs.length + batch.audits.length;
      for (const run of batch.runs) if (run.businessId === tenants.member.businessId) runsInMemberBusiness++;
      if (written - reported >= 100_000) {
        reported = written;
        progress?.(`generated ${written.toLocaleString("en-US")} of ${runs.toLocaleString("en-US")} runs`);
      }
    }
    await sink.finish();
  } finally {
    await sink.close();
  }
  return {
    runs: written,
    businesses,
    related,
    password: SCALE_PASSWORD,
    member: { email: tenants.member.email, businessId: tenants.member.businessId, runsInBusiness: runsInMemberBusiness },
    sysadmin: { email: tenants.sysadmin.email },
    now,
    seconds: (performance.now() - startedAt) / 1000,
  };
}
