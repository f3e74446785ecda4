/** The command line itself is wrong; the usage text follows the message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The request is understood but unsafe or unconfirmed, and nothing was changed by it. */
export class RefusedError extends Error {
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = "RefusedError";
  }
}

/**
 * Runs picked for a batch stopped being orphans before the batch committed (another process
 * assigned or deleted them); the batch is rolled back rather than applied to a changed set.
 */
export class RunsChangedError extends Error {
  constructor(expected: number, actual: number) {
    super(`${expected - actual} of ${expected} runs changed while the batch was applied`);
    this.name = "RunsChangedError";
  }
}
