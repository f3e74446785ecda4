import type { RunOutcome } from "../execute-run";
import { type CliOutput, EXIT } from "./cli-output";

/** Prints how the run ended and returns the command's exit code. */
export function reportOutcome(outcome: RunOutcome, output: CliOutput): number {
  switch (outcome.status) {
    case "succeeded":
      output.out(`Succeeded: ${JSON.stringify(outcome.result ?? null)}`);
      return EXIT.succeeded;
    case "released":
      output.err("Interrupted; the run was handed back to the queue without using up the attempt");
      return EXIT.interrupted;
    case "cancelled":
      output.err("The run was cancelled");
      return EXIT.failed;
    case "lost":
      output.err("The run was taken over by another worker");
      return EXIT.failed;
    case "retrying":
      output.err(`Interrupted after a failed attempt (${outcome.error}); the run stays queued for a worker`);
      return EXIT.interrupted;
    case "failed":
      output.err(`Failed: ${outcome.error}`);
      return EXIT.failed;
  }
}
