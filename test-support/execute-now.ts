import type { JobRegistry } from "../lib/jobs/registry";
import { RunQueue } from "../lib/worker/claim";
import { startRun, type RunObserver, type RunOutcome } from "../lib/worker/execute-run";
import { LeaseKeeper } from "../lib/worker/lease-keeper";

/** Creates a run already claimed by this process and executes one attempt of it, like the command line. */
export async function executeNow({
  jobs,
  jobType,
  businessId,
  params = {},
  maxAttempts = 3,
  triggeredByUserId = null,
  observer,
}: {
  jobs: JobRegistry;
  jobType: string;
  businessId: string | null;
  params?: unknown;
  maxAttempts?: number;
  triggeredByUserId?: string | null;
  observer?: RunObserver;
}): Promise<{ runId: string; outcome: RunOutcome }> {
  const queue = new RunQueue();
  const run = await queue.insertClaimedRun({
    businessId,
    scope: businessId ? "tenant" : "system",
    jobType,
    params,
    maxAttempts,
    workerId: "test-worker",
    triggerSource: "cli",
    triggeredByUserId,
  });
  const leases = new LeaseKeeper(queue, 200);
  leases.start();
  try {
    const outcome = await startRun({ run, queue, leases, jobs, observer }).settled;
    return { runId: run.id, outcome };
  } finally {
    await leases.stop();
  }
}
