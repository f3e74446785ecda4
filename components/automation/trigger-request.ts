import type { RegisteredJobType } from "@/lib/client/job-run-schemas";
import type { TriggerJobRunInput } from "@/lib/client/job-runs";
import { validateParams, type ParamField, type ParamValues } from "@/lib/client/params-form";
import { parseTags } from "./run-tags";
import { parsePriority, parseRunAt } from "@/lib/client/run-timing";
import { emptyTriggerErrors, hasTriggerErrors, type TriggerFormErrors } from "./trigger-issues";

const MAX_IDEMPOTENCY_KEY = 200;

export interface TriggerFormInput {
  definition: RegisteredJobType;
  fields: ParamField[];
  values: ParamValues;
  businessId: string;
  idempotencyKey: string;
  tagsText: string;
  /** A datetime-local value in the user's time zone; empty for now. */
  runAtText: string;
  priorityText: string;
  isSystemAdmin: boolean;
  now: number;
}

/** The request the run-job form sends, or the errors to show next to its fields instead. */
export function buildTriggerRequest(input: TriggerFormInput): { request: TriggerJobRunInput } | { errors: TriggerFormErrors } {
  const { definition, isSystemAdmin, businessId } = input;
  const checked = validateParams(input.fields, input.values);
  const errors: TriggerFormErrors = { ...emptyTriggerErrors(), params: checked.errors };
  if (isSystemAdmin && definition.scope === "tenant" && !businessId) errors.businessId = "Choose the business to run this job for.";
  const tags = parseTags(input.tagsText);
  if ("error" in tags) errors.tags = tags.error;
  const key = input.idempotencyKey.trim();
  if (key.length > MAX_IDEMPOTENCY_KEY) errors.idempotencyKey = `Use at most ${MAX_IDEMPOTENCY_KEY} characters.`;
  const runAt = parseRunAt(input.runAtText, input.now);
  if ("error" in runAt) errors.runAt = runAt.error;
  const priority = parsePriority(input.priorityText);
  if ("error" in priority) errors.priority = priority.error;
  if (hasTriggerErrors(errors) || "error" in tags || "error" in runAt || "error" in priority) return { errors };

  return {
    request: {
      jobType: definition.type,
      params: checked.params,
      ...(key ? { idempotencyKey: key } : {}),
      ...(tags.tags.length ? { tags: tags.tags } : {}),
      ...(runAt.runAt ? { runAt: runAt.runAt } : {}),
      ...(priority.priority !== undefined ? { priority: priority.priority } : {}),
      ...(isSystemAdmin ? { businessId: definition.scope === "system" ? null : businessId } : {}),
    },
  };
}
