import { z } from "zod";
import type { Scope } from "../tenancy/scope";
import { RUN_STATUSES } from "./schemas";

/** The channel the job_runs triggers notify when a run is created or changes state. */
export const RUN_CHANGED_CHANNEL = "automation_run_changed";

export const RunChangeEvent = z.object({
  id: z.string().min(1),
  businessId: z.string().min(1).nullable(),
  status: z.enum(RUN_STATUSES),
});
export type RunChangeEvent = z.infer<typeof RunChangeEvent>;

/** A notification's payload as an event, or null when it is not one (never trusted blindly). */
export function parseRunChangePayload(payload: string): RunChangeEvent | null {
  try {
    const parsed = RunChangeEvent.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Whether a page of this scope may hear of the change. Fail-closed like every read: system runs
 * (no business) only reach the all-businesses scope, a business scope only its own business.
 */
export function scopeSeesRunChange(scope: Scope, event: RunChangeEvent): boolean {
  if (scope.kind === "all") return true;
  return event.businessId !== null && event.businessId === scope.businessId;
}
