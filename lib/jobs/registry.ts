import { z } from "zod";
import type { JobDefinition } from "./define-job";
import { exportReport } from "./handlers/export-report";
import { retentionCleanup } from "./handlers/retention-cleanup";
import { defineScheduleFanOut } from "./handlers/schedule-fan-out";
import { sendAppointmentReminders } from "./handlers/send-appointment-reminders";
import { syncCalendar } from "./handlers/sync-calendar";
import { vacuumDatabase } from "./handlers/vacuum-database";

/** The job types a worker can execute. The application has one; tests build their own. */
export interface JobRegistry {
  get(type: string): JobDefinition | undefined;
  list(): readonly JobDefinition[];
}

export function createJobRegistry(definitions: readonly JobDefinition[]): JobRegistry {
  const byType = new Map(definitions.map((definition) => [definition.type, definition]));
  if (byType.size !== definitions.length) throw new Error("Two jobs are registered under the same type");
  const list = Object.freeze([...definitions]);
  return { get: (type) => byType.get(type), list: () => list };
}

// Each definition's handler takes its own params type; the registry only needs the common shape.
const schedulableJobs = createJobRegistry([
  sendAppointmentReminders,
  syncCalendar,
  exportReport,
  retentionCleanup,
  vacuumDatabase,
] as JobDefinition[]);

/** The parent run of a schedule slot; it queues any of the other jobs, never another fan-out. */
export const scheduleFanOut = defineScheduleFanOut(schedulableJobs) as JobDefinition;

export const jobRegistry = createJobRegistry([...schedulableJobs.list(), scheduleFanOut]);

export function getJobDefinition(type: string): JobDefinition | undefined {
  return jobRegistry.get(type);
}

export function listJobDefinitions(): readonly JobDefinition[] {
  return jobRegistry.list();
}

export function paramsJsonSchema(definition: JobDefinition): unknown {
  return z.toJSONSchema(definition.params, { io: "input", unrepresentable: "any" });
}
