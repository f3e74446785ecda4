import type { ApiIssue } from "@/lib/client/api-error";

export interface TriggerFormErrors {
  params: Record<string, string>;
  jobType?: string;
  businessId?: string;
  idempotencyKey?: string;
  tags?: string;
  runAt?: string;
  priority?: string;
  /** Issues that belong to no field on the form */
  other: string[];
}

export function emptyTriggerErrors(): TriggerFormErrors {
  return { params: {}, other: [] };
}

/** Places the server's validation issues ("params.daysAhead", "tags.2", …) next to their fields. */
export function triggerErrorsFromIssues(issues: ApiIssue[], paramNames: string[]): TriggerFormErrors {
  const errors = emptyTriggerErrors();
  for (const { path, message } of issues) {
    const [head, second] = path.split(".");
    const text = capitalize(message);
    if (head === "params" && second && paramNames.includes(second)) errors.params[second] ??= text;
    else if (head === "jobType") errors.jobType ??= text;
    else if (head === "businessId") errors.businessId ??= text;
    else if (head === "idempotencyKey") errors.idempotencyKey ??= text;
    else if (head === "tags") errors.tags ??= text;
    else if (head === "runAt") errors.runAt ??= text;
    else if (head === "priority") errors.priority ??= text;
    else errors.other.push(path ? `${path}: ${message}` : message);
  }
  return errors;
}

export function hasTriggerErrors(errors: TriggerFormErrors): boolean {
  return Boolean(
    Object.keys(errors.params).length || errors.jobType || errors.businessId || errors.idempotencyKey || errors.tags || errors.runAt || errors.priority || errors.other.length,
  );
}

function capitalize(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
