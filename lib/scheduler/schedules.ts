import type { JobDefinition } from "../jobs/define-job";
import { exportReport } from "../jobs/handlers/export-report";
import { retentionCleanup } from "../jobs/handlers/retention-cleanup";
import { vacuumDatabase } from "../jobs/handlers/vacuum-database";
import { assertValidCron } from "./cron-slot";

export interface Schedule {
  /** Part of every dedupe key the schedule creates: never rename a live schedule casually. */
  name: string;
  /** Five-field cron expression, evaluated in UTC. */
  cron: string;
  job: JobDefinition;
  params: Record<string, unknown>;
}

function defineSchedule(schedule: Schedule): Schedule {
  if (!/^[a-z][a-z0-9-]{1,62}$/.test(schedule.name)) throw new Error(`Invalid schedule name: ${schedule.name}`);
  assertValidCron(schedule.cron);
  const parsed = schedule.job.params.safeParse(schedule.params);
  if (!parsed.success) throw new Error(`Schedule ${schedule.name}: params do not fit ${schedule.job.type}`);
  return schedule;
}

/** Tenant jobs fan out to one run per active business; system jobs get one system run per slot. */
export const SCHEDULES: readonly Schedule[] = [
  defineSchedule({ name: "export-report-daily", cron: "0 3 * * *", job: exportReport as JobDefinition, params: { days: 1 } }),
  defineSchedule({ name: "retention-cleanup-hourly", cron: "0 * * * *", job: retentionCleanup as JobDefinition, params: {} }),
  defineSchedule({ name: "vacuum-database-weekly", cron: "30 4 * * 0", job: vacuumDatabase as JobDefinition, params: {} }),
];
