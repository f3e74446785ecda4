import { assignOrphans, findUnassignableRuns } from "./assign-orphans";
import { chooseBusiness, chooseRuns } from "./assign-prompts";
import { RefusedError, UsageError } from "./cli-errors";
import { EXIT, type ExitCode } from "./exit-codes";
import { assertAssignable, describeBusiness, findAssignableBusiness, listBusinesses, type BusinessChoice } from "./find-business";
import { formatRunRows } from "./format-runs";
import { watchForInterrupts } from "./interrupt";
import { OLDEST_FIRST, ORPHAN_ROW_SELECT, openMaintenanceDb, orphanWhere, type MaintenanceDb } from "./maintenance-db";
import type { AssignCommand } from "./parse-args";
import { createProgressReporter } from "./progress";
import { confirm, createPrompter, type Prompter } from "./prompts";
import { formatCount, formatSeconds, isInteractive, writeLines, type Terminal } from "./terminal";

// npm run orphans -- assign — gives orphaned runs to an active business in audited batches
export async function runAssign({ command, terminal }: { command: AssignCommand; terminal: Terminal }): Promise<ExitCode> {
  const interactive = isInteractive(terminal);
  if (!interactive) {
    if (!command.business) throw new UsageError("--business is required when not on a terminal");
    if (!command.runIds && !command.all) throw new UsageError("--ids or --all is required when not on a terminal");
    if (!command.dryRun && !command.yes) {
      throw new RefusedError("Refusing to assign without --yes when not on a terminal. Nothing was changed.");
    }
  }
  const db = openMaintenanceDb();
  // A bad --business is reported before anything is asked.
  const named = command.business ? await findAssignableBusiness({ db, reference: command.business }) : undefined;
  const needsQuestions = !named || (!command.runIds && !command.all) || (!command.yes && !command.dryRun);
  const prompter = interactive && needsQuestions ? createPrompter({ input: terminal.stdin, output: terminal.stdout }) : undefined;
  try {
    const business = named ?? (await askForBusiness({ db, prompter, terminal }));
    const runIds = await selectRuns({ db, command, prompter, terminal });
    if (runIds.length === 0) {
      writeLines(terminal.stdout, "No orphaned runs to assign.");
      return EXIT.ok;
    }
    const refused = await findUnassignableRuns({ db, runIds, businessId: business.id });
    if (refused.length > 0) {
      throw new RefusedError(
        `Refusing to assign: ${formatCount(new Set(refused.map((run) => run.id)).size, "run")} cannot be assigned. Nothing was changed.`,
        refused.map((run) => `  ${run.id}: ${run.reason}`),
      );
    }

    const listed = await db.jobRun.findMany({ where: { id: { in: runIds.slice(0, command.limit) } }, orderBy: OLDEST_FIRST, select: ORPHAN_ROW_SELECT });
    writeLines(
      terminal.stdout,
      `${command.dryRun ? "Would assign" : "About to assign"} ${formatCount(runIds.length, "orphaned run")} to ${describeBusiness(business)}:`,
      ...formatRunRows(listed),
    );
    if (listed.length > 0 && listed.length < runIds.length) writeLines(terminal.stdout, `  … ${runIds.length - listed.length} more`);
    if (command.dryRun) {
      writeLines(terminal.stdout, "Dry run: nothing was changed.");
      return EXIT.ok;
    }
    if (prompter && !command.yes) {
      const question = `Assign ${formatCount(runIds.length, "run")} to ${business.name}? Its members will see ${runIds.length === 1 ? "it" : "them"}.`;
      if (!(await confirm({ prompter, question }))) throw new RefusedError("Aborted. Nothing was changed.");
    }
    prompter?.close();
    return await applyAssignment({ db, runIds, business, batchSize: command.batchSize, terminal });
  } finally {
    prompter?.close();
  }
}

async function applyAssignment({
  db,
  runIds,
  business,
  batchSize,
  terminal,
}: {
  db: MaintenanceDb;
  runIds: string[];
  business: BusinessChoice;
  batchSize: number;
  terminal: Terminal;
}): Promise<ExitCode> {
  const interrupts = watchForInterrupts({ onInterrupt: (message) => writeLines(terminal.stderr, "", message) });
  const progress = createProgressReporter({ stream: terminal.stdout, total: runIds.length, verb: "assigned" });
  const started = performance.now();
  let assignedSoFar = 0;
  try {
    const outcome = await assignOrphans({
      db,
      runIds,
      business,
      batchSize,
      shouldStop: interrupts.requested,
      onBatch: ({ batch, assignedRuns }) => {
        assignedSoFar = assignedRuns;
        progress.update({ done: assignedRuns, batch });
      },
    });
    progress.finish();
    const done = `${formatCount(outcome.assignedRuns, "run")} assigned to ${business.slug} in ${formatCount(outcome.batches, "batch", "batches")} (${formatSeconds(performance.now() - started)}).`;
    if (outcome.stopped) {
      writeLines(terminal.stderr, `Interrupted: ${done} Every finished batch is complete and audited.`);
      return interrupts.exitCode();
    }
    writeLines(terminal.stdout, `Done: ${done}`);
    return EXIT.ok;
  } catch (error) {
    progress.finish();
    if (assignedSoFar > 0) {
      const verb = assignedSoFar === 1 ? "was" : "were";
      writeLines(terminal.stderr, `${formatCount(assignedSoFar, "run")} ${verb} assigned in earlier, committed batches.`);
    }
    throw error;
  } finally {
    interrupts.dispose();
  }
}

async function askForBusiness({
  db,
  prompter,
  terminal,
}: {
  db: MaintenanceDb;
  prompter: Prompter | undefined;
  terminal: Terminal;
}): Promise<BusinessChoice> {
  if (!prompter) throw new UsageError("--business is required when not on a terminal");
  const chosen = await chooseBusiness({ prompter, output: terminal.stdout, businesses: await listBusinesses({ db }) });
  if (!chosen) throw new RefusedError("No business chosen. Nothing was changed.");
  assertAssignable(chosen);
  return chosen;
}

async function selectRuns({
  db,
  command,
  prompter,
  terminal,
}: {
  db: MaintenanceDb;
  command: AssignCommand;
  prompter: Prompter | undefined;
  terminal: Terminal;
}): Promise<string[]> {
  if (command.runIds) return command.runIds;
  const allOrphanIds = async () => (await db.jobRun.findMany({ where: orphanWhere(), orderBy: OLDEST_FIRST, select: { id: true } })).map((run) => run.id);
  if (command.all) return allOrphanIds();
  if (!prompter) throw new UsageError("--ids or --all is required when not on a terminal");

  const orphanCount = await db.jobRun.count({ where: orphanWhere() });
  if (orphanCount === 0) return [];
  const orphans = await db.jobRun.findMany({ where: orphanWhere(), orderBy: OLDEST_FIRST, take: command.limit, select: ORPHAN_ROW_SELECT });
  const choice = await chooseRuns({ prompter, output: terminal.stdout, orphans, orphanCount });
  if (choice === null) throw new RefusedError("No runs chosen. Nothing was changed.");
  return choice === "all" ? allOrphanIds() : choice;
}
