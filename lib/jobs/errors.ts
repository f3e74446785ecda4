/**
 * Refusal to run or queue work without a valid tenant. Never retried: waiting does not give a run
 * a business.
 */
export class FailClosedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FailClosedError";
  }
}

/** A failure that another attempt cannot fix (bad parameters, missing input); the run fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

export function isPermanentFailure(error: unknown): boolean {
  return error instanceof FailClosedError || error instanceof PermanentJobError;
}

/** An idempotency key reused for a different job type or different params; the first run stands. */
export class IdempotencyConflictError extends Error {
  constructor(readonly existingRunId: string) {
    super("This idempotency key was already used for a run with a different job type or parameters");
    this.name = "IdempotencyConflictError";
  }
}

/** The run's business does not exist (`status` null) or does not accept new runs (suspended). */
export class BusinessRefusesRunsError extends FailClosedError {
  constructor(
    readonly businessId: string,
    readonly status: string | null,
  ) {
    super(status === null ? `FAIL-CLOSED: business ${businessId} does not exist.` : `Business ${businessId} is ${status}; no runs can be queued.`);
    this.name = "BusinessRefusesRunsError";
  }
}
