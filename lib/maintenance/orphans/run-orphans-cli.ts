import { RefusedError, RunsChangedError, UsageError } from "./cli-errors";
import { EXIT, type ExitCode } from "./exit-codes";
import { parseOrphansArgs } from "./parse-args";
import { runAssign } from "./run-assign";
import { runCheck } from "./run-check";
import { runDelete } from "./run-delete";
import { writeLines, type Terminal } from "./terminal";
import { USAGE, USAGE_SUMMARY } from "./usage";

/** Runs one orphans command and maps its outcome to the documented exit code. */
export async function runOrphansCli({ argv, terminal }: { argv: readonly string[]; terminal: Terminal }): Promise<ExitCode> {
  try {
    const command = parseOrphansArgs(argv);
    switch (command.name) {
      case "help":
        terminal.stdout.write(USAGE);
        return EXIT.ok;
      case "check":
        return await runCheck({ command, terminal });
      case "delete":
        return await runDelete({ command, terminal });
      case "assign":
        return await runAssign({ command, terminal });
    }
  } catch (error) {
    return reportError({ error, terminal });
  }
}

function reportError({ error, terminal }: { error: unknown; terminal: Terminal }): ExitCode {
  if (error instanceof UsageError) {
    writeLines(terminal.stderr, `orphans: ${error.message}`);
    terminal.stderr.write(USAGE_SUMMARY);
    return EXIT.usage;
  }
  if (error instanceof RefusedError) {
    writeLines(terminal.stderr, error.message, ...error.details);
    return EXIT.refused;
  }
  if (error instanceof RunsChangedError) {
    writeLines(terminal.stderr, `${error.message}; that batch was rolled back. Run the command again.`);
    return EXIT.refused;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeLines(terminal.stderr, `orphans: failed: ${message}`, "Batches committed before the failure are complete and audited; the failed batch was rolled back.");
  return EXIT.failed;
}
