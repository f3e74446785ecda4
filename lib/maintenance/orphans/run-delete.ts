import { readEnv } from "../../config/env";
import { removeArtifactFiles } from "./artifact-files";
import { RefusedError } from "./cli-errors";
import { deleteOrphans, previewOrphanDeletion, type DeletionPreview } from "./delete-orphans";
import { EXIT, type ExitCode } from "./exit-codes";
import { formatRunRows } from "./format-runs";
import { watchForInterrupts } from "./interrupt";
import { openMaintenanceDb } from "./maintenance-db";
import type { DeleteCommand } from "./parse-args";
import { createProgressReporter } from "./progress";
import { confirm, createPrompter } from "./prompts";
import { formatCount, formatSeconds, isInteractive, writeLines, type Terminal } from "./terminal";

const DAY_MS = 24 * 3600_000;

// npm run orphans -- delete — removes orphaned runs in audited batches
export async function runDelete({ command, terminal }: { command: DeleteCommand; terminal: Terminal }): Promise<ExitCode> {
  const interactive = isInteractive(terminal);
  if (!command.dryRun && !command.yes && !interactive) {
    throw new RefusedError("Refusing to delete without --yes when not on a terminal. Nothing was changed.");
  }
  const db = openMaintenanceDb();
  const createdBefore = command.olderThanDays === undefined ? undefined : new Date(Date.now() - command.olderThanDays * DAY_MS);
  const preview = await previewOrphanDeletion({ db, createdBefore, limit: command.limit });
  const scopeNote = command.olderThanDays === undefined ? "" : ` older than ${formatCount(command.olderThanDays, "day")}`;
  if (preview.runs === 0) {
    writeLines(terminal.stdout, `No orphaned runs${scopeNote} to delete.`);
    return EXIT.ok;
  }

  writeLines(terminal.stdout, describePreview({ preview, scopeNote, dryRun: command.dryRun }), ...formatRunRows(preview.sample));
  if (preview.sample.length > 0 && preview.sample.length < preview.runs) writeLines(terminal.stdout, `  … ${preview.runs - preview.sample.length} more`);
  if (command.dryRun) {
    writeLines(terminal.stdout, "Dry run: nothing was changed.");
    return EXIT.ok;
  }
  if (!command.yes) {
    const prompter = createPrompter({ input: terminal.stdin, output: terminal.stdout });
    const confirmed = await confirm({ prompter, question: `Delete ${formatCount(preview.runs, "orphaned run")}? This cannot be undone.` });
    prompter.close();
    if (!confirmed) throw new RefusedError("Aborted. Nothing was changed.");
  }

  const interrupts = watchForInterrupts({ onInterrupt: (message) => writeLines(terminal.stderr, "", message) });
  const progress = createProgressReporter({ stream: terminal.stdout, total: preview.runs, verb: "deleted" });
  const storageDir = readEnv().STORAGE_DIR;
  const started = performance.now();
  try {
    const outcome = await deleteOrphans({
      db,
      createdBefore,
      olderThanDays: command.olderThanDays,
      batchSize: command.batchSize,
      shouldStop: interrupts.requested,
      removeFiles: (files) => removeArtifactFiles({ storageDir, files }),
      onBatch: ({ batch, deletedRuns }) => progress.update({ done: deletedRuns, batch }),
    });
    progress.finish();
    for (const failure of outcome.fileFailures) {
      writeLines(terminal.stderr, `warning: file of attachment ${failure.file.attachmentId} not removed: ${failure.reason}`);
    }
    const took = formatSeconds(performance.now() - started);
    const done = `${formatCount(outcome.deletedRuns, "orphaned run")} deleted in ${formatCount(outcome.batches, "batch", "batches")} (${took}).`;
    if (outcome.stopped) {
      writeLines(terminal.stderr, `Interrupted: ${done} Every finished batch is complete and audited; run the command again to continue.`);
      return interrupts.exitCode();
    }
    writeLines(terminal.stdout, `Done: ${done}`);
    return outcome.fileFailures.length > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    progress.finish();
    interrupts.dispose();
  }
}

function describePreview({ preview, scopeNote, dryRun }: { preview: DeletionPreview; scopeNote: string; dryRun: boolean }): string {
  const children = [formatCount(preview.attempts, "attempt"), formatCount(preview.logs, "log line"), formatCount(preview.attachments, "attachment")];
  return `${dryRun ? "Would delete" : "About to delete"} ${formatCount(preview.runs, "orphaned run")}${scopeNote} with ${children.join(", ")}:`;
}
