import { recordAudit } from "../../audit/record-audit";
import type { JobDefinition } from "../../jobs/define-job";
import { jobRegistry, type JobRegistry } from "../../jobs/registry";
import { getLogger, type Logger } from "../../logging/logger";
import { runLogFields } from "../../logging/run-fields";
import { ALL_BUSINESSES, businessScope, scopedDb } from "../../tenancy";
import { RunQueue, type ClaimedRun } from "../claim";
import { startRun, type RunOutcome, type RunningRun } from "../execute-run";
import { LeaseKeeper } from "../lease-keeper";
import { RunAbortedError } from "../run-abort";
import { defaultWorkerId } from "../worker-id";
import { parseRunJobArgs, UsageError } from "./parse-run-job-args";

export const FAIL_CLOSED_MESSAGE = "FAIL-CLOSED: a business id is required for tenant jobs.";

export const EXIT = { succeeded: 0, failed: 1, refused: 2, interrupted: 130 } as const;

interface Output {
  out(line: string): void;
  err(line: string): void;
}

class Refusal extends Error {}

/**
 * `npm run job`: validates everything before writing anything, then creates the run (trigger
 * source "cli") already claimed by this process and executes it with the worker's runner,
 * including retries with backoff. Returns the exit code.
 */
export async function runJobCommand({
  argv,
  output = { out: (line) => console.log(line), err: (line) => console.error(line) },
  jobs = jobRegistry,
  queue: givenQueue,
  heartbeatMs = 1_000,
  logger = getLogger(),
}: {
  argv: string[];
  output?: Output;
  logger?: Logger;
  jobs?: JobRegistry;
  queue?: RunQueue;
  heartbeatMs?: number;
}): Promise<number> {
  let prepared;
  try {
    prepared = await prepare({ argv, jobs });
  } catch (error) {
    if (error instanceof UsageError || error instanceof Refusal) {
      output.err(error.message);
      return EXIT.refused;
    }
    throw error;
  }
  const { definition, business, params } = prepared;
  // Opened only now: a refused command must not touch the database at all.
  const queue = givenQueue ?? new RunQueue();
  await queue.prepareDatabase();

  const workerId = `cli:${defaultWorkerId()}`;
  let run: ClaimedRun | null = await queue.insertClaimedRun({
    businessId: business?.id ?? null,
    scope: definition.scope,
    jobType: definition.type,
    params,
    maxAttempts: definition.maxAttempts,
    workerId,
    triggerSource: "cli",
    triggeredByUserId: null,
  });
  await recordAudit(scopedDb(business ? businessScope(business.id) : ALL_BUSINESSES), {
    actor: { type: "cli" },
    businessId: business?.id ?? null,
    action: "run.triggered",
    targetId: run.id,
    details: { jobType: definition.type, source: "cli" },
  });
  const runLog = logger.child({ ...runLogFields({ ...run, attempt: undefined }), workerId });
  runLog.info("Run created from the command line");
  output.out(`Run ${run.id}: ${definition.type} for ${business ? `${business.name} (${business.slug})` : "the system"}`);

  const leases = new LeaseKeeper(queue, heartbeatMs, (error) => output.err(`Heartbeat failed: ${String(error)}`));
  leases.start();
  let current: RunningRun | undefined;
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    current?.abort(new RunAbortedError("shutdown", "Interrupted from the command line"));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  try {
    for (;;) {
      output.out(`Attempt ${run.attempt} of ${run.maxAttempts}`);
      current = startRun({
        run,
        queue,
        leases,
        jobs,
        observer: {
          onLog: (_run, level, message) => output.out(`  ${level.padEnd(5)} ${message}`),
          onProgress: (_run, fraction, message) => output.out(`  [${String(Math.round(fraction * 100)).padStart(3)}%] ${message ?? ""}`.trimEnd()),
        },
      });
      const outcome: RunOutcome = await current.settled;
      runLog.info({ attempt: run.attempt, status: outcome.status }, `Attempt ${run.attempt}: ${outcome.status}`);
      if (outcome.status !== "retrying" || interrupted) return report(outcome, output);
      output.out(`Attempt ${run.attempt} failed: ${outcome.error}`);
      output.out(`Retrying in ${(outcome.retryInMs / 1000).toFixed(1)} s`);
      run = await claimWhenDue({ queue, runId: run.id, workerId, delayMs: outcome.retryInMs, interrupted: () => interrupted });
      if (!run) {
        output.out(interrupted ? "Interrupted; the run stays queued for a worker" : "The run was picked up elsewhere; follow it on its run page");
        return interrupted ? EXIT.interrupted : EXIT.succeeded;
      }
    }
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await leases.stop();
  }
}

async function prepare({ argv, jobs }: { argv: string[]; jobs: JobRegistry }) {
  const args = parseRunJobArgs(argv);
  const definition: JobDefinition | undefined = jobs.get(args.jobType);
  if (!definition) {
    const known = jobs.list().map((job) => job.type).join(", ");
    throw new Refusal(`Unknown job type "${args.jobType}". Known job types: ${known}`);
  }
  if (definition.scope === "tenant" && !args.business) throw new Refusal(FAIL_CLOSED_MESSAGE);
  if (definition.scope === "system" && args.business) {
    throw new Refusal(`"${definition.type}" is a system job and belongs to no business; leave out --business-id.`);
  }

  let input: unknown = {};
  if (args.paramsJson !== undefined) {
    try {
      input = JSON.parse(args.paramsJson);
    } catch (error) {
      throw new Refusal(`--params is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new Refusal("--params must be a JSON object");
  const parsed = definition.params.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "params"}: ${issue.message}`);
    throw new Refusal(`Invalid params for "${definition.type}":\n${issues.join("\n")}`);
  }

  const business = args.business ? await findBusiness(args.business) : null;
  return { definition, business, params: parsed.data };
}

async function findBusiness(reference: string) {
  const business = await scopedDb(ALL_BUSINESSES).business.findFirst({
    where: { OR: [{ id: reference }, { slug: reference.toLowerCase() }] },
    select: { id: true, name: true, slug: true, status: true },
  });
  if (!business) throw new Refusal(`No business with id or slug "${reference}".`);
  if (business.status !== "active") throw new Refusal(`Business "${business.name}" (${business.slug}) is ${business.status}; no runs can be started for it.`);
  return business;
}

/** Waits out the backoff, then takes the run back, unless a worker took it first. */
async function claimWhenDue({
  queue,
  runId,
  workerId,
  delayMs,
  interrupted,
}: {
  queue: RunQueue;
  runId: string;
  workerId: string;
  delayMs: number;
  interrupted: () => boolean;
}): Promise<ClaimedRun | null> {
  let waitMs = delayMs;
  for (;;) {
    await sleepUnless(waitMs, interrupted);
    if (interrupted()) return null;
    const run = await queue.claimById({ runId, workerId });
    if (run) return run;
    if ((await queue.readStatus(runId)) !== "queued") return null;
    waitMs = 100;
  }
}

async function sleepUnless(ms: number, stop: () => boolean): Promise<void> {
  const until = performance.now() + ms;
  while (!stop() && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, until - performance.now())));
  }
}

function report(outcome: RunOutcome, output: Output): number {
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
