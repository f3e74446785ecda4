import { EXIT, type ExitCode } from "./exit-codes";
import { formatRunSummary, runSummaryJson } from "./format-runs";
import { openMaintenanceDb } from "./maintenance-db";
import type { CheckCommand } from "./parse-args";
import { summarizeRuns } from "./summarize-runs";
import { writeLines, type Terminal } from "./terminal";

// npm run orphans -- check — counts and the oldest orphans; exit 1 lets a deploy gate stop on them
export async function runCheck({ command, terminal }: { command: CheckCommand; terminal: Terminal }): Promise<ExitCode> {
  const summary = await summarizeRuns({ db: openMaintenanceDb(), limit: command.limit });
  if (command.json) {
    terminal.stdout.write(`${JSON.stringify(runSummaryJson(summary), null, 2)}\n`);
  } else {
    writeLines(terminal.stdout, ...formatRunSummary(summary));
  }
  return summary.orphanRuns > 0 || summary.unclassifiedRuns > 0 ? EXIT.orphansFound : EXIT.ok;
}
