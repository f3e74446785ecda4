/** What a log line may say about a run: who and what, and the names of its params, never their values. */
export function runLogFields(run: {
  id: string;
  businessId: string | null;
  jobType: string;
  attempt?: number;
  params?: unknown;
  triggeredByUserId?: string | null;
}): Record<string, unknown> {
  const { params } = run;
  return {
    runId: run.id,
    businessId: run.businessId,
    ...(run.triggeredByUserId ? { userId: run.triggeredByUserId } : {}),
    jobType: run.jobType,
    ...(run.attempt !== undefined ? { attempt: run.attempt } : {}),
    paramKeys: params && typeof params === "object" && !Array.isArray(params) ? Object.keys(params).sort() : [],
  };
}
