import type { AccessRole } from "../tenancy/resolve-access";
import type { JobDefinition } from "./define-job";

const ALLOWED: Record<AccessRole, ReadonlySet<JobDefinition["triggeredBy"]>> = {
  member: new Set(["member"]),
  admin: new Set(["member", "admin"]),
  system_admin: new Set(["member", "admin", "system"]),
};

/** Whether a caller with this role may queue the job from the API (see JobDefinition.triggeredBy). */
export function mayTrigger(definition: JobDefinition, role: AccessRole): boolean {
  return ALLOWED[role].has(definition.triggeredBy);
}
