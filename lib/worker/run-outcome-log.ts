import type { Logger } from "../logging/logger";
import { runLogFields } from "../logging/run-fields";
import type { ClaimedRun } from "./claim";
import type { RunOutcome } from "./execute-run";

/**
 * Writes the line a worker logs for each run it settles: who and what (runLogFields: the names of
 * the params, never their values), then the outcome's status and error message.
 *
 * None of those is a field the logger redacts, so this line skips the redaction pass: with its
 * wildcard paths that pass costs about 17 µs a line against 1.5 µs for the rest, a twentieth of a
 * core at thousands of runs a second.
 */
export function runOutcomeLog(logger: Logger): (run: ClaimedRun, outcome: RunOutcome) => void {
  const plain = logger.child({}, { redact: { paths: [] } });
  return (run, outcome) =>
    plain[outcome.status === "failed" ? "warn" : "info"](
      { ...runLogFields(run), status: outcome.status, ...("error" in outcome ? { error: outcome.error } : {}) },
      `${run.jobType} ${run.id} attempt ${run.attempt}: ${outcome.status}`,
    );
}
