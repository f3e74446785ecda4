import { jobRegistry, type JobRegistry } from "../../jobs/registry";
import { getLogger, type Logger } from "../../logging/logger";
import { runLogFields } from "../../logging/run-fields";
import { RunQueue } from "../claim";
import { LeaseKeeper } from "../lease-keeper";
import { defaultWorkerId } from "../worker-id";
import { listenForInterrupt } from "./cli-interrupt";
import { type CliOutput, consoleOutput, EXIT } from "./cli-output";
import { createCliRun } from "./create-cli-run";
import { UsageError } from "./parse-run-job-args";
import { type PreparedRunJob, prepareRunJob, Refusal } from "./prepare-run-job";
import { runAttempts } from "./run-attempts";

export { EXIT } from "./cli-output";
export { FAIL_CLOSED_MESSAGE } from "./prepare-run-job";

/**
 * `npm run job`: validates everything before writing anything, then creates the run (trigger
 * source "cli") already claimed by this process and executes it with the worker's runner,
 * including retries with backoff. Returns the exit code.
 */
export async function runJobCommand({
  argv,
  output = consoleOutput,
  jobs = jobRegistry,
  queue: givenQueue,
  heartbeatMs = 1_000,
  logger = getLogger(),
}: {
  argv: string[];
  output?: CliOutput;
  logger?: Logger;
  jobs?: JobRegistry;
  queue?: RunQueue;
  heartbeatMs?: number;
}): Promise<number> {
  const prepared = await prepareOrExplain({ argv, jobs }, output);
  if (!prepared) return EXIT.refused;
  // Opened only now: a refused command must not touch the database at all.
  const queue = givenQueue ?? new RunQueue();
  await queue.prepareDatabase();

  const workerId = `cli:${defaultWorkerId()}`;
  const run = await createCliRun({ queue, workerId, prepared });
  const { definition, business } = prepared;
  const runLog = logger.child({ ...runLogFields({ ...run, attempt: undefined }), workerId });
  runLog.info("Run created from the command line");
  output.out(`Run ${run.id}: ${definition.type} for ${business ? `${business.name} (${business.slug})` : "the system"}`);

  const leases = new LeaseKeeper(queue, heartbeatMs, (error) => output.err(`Heartbeat failed: ${String(error)}`));
  leases.start();
  const interrupt = listenForInterrupt();
  try {
    return await runAttempts({ run, queue, leases, jobs, workerId, output, interrupt, runLog });
  } finally {
    interrupt.dispose();
    await leases.stop();
  }
}

/** Null, with the reason printed, when the arguments are refused. */
async function prepareOrExplain(input: { argv: string[]; jobs: JobRegistry }, output: CliOutput): Promise<PreparedRunJob | null> {
  try {
    return await prepareRunJob(input);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof Refusal)) throw error;
    output.err(error.message);
    return null;
  }
}
