import { databaseProvider, readEnv } from "../config/env";
import { getLogger, messageLog, type Logger } from "../logging/logger";
import type { JobRegistry } from "../jobs/registry";
import { schedulerTask } from "../scheduler/run-scheduler";
import { RunQueue } from "./claim";
import { onShutdownSignals } from "../process/shutdown-signals";
import { startWorker, type StopSummary } from "./worker";
import { workerOptionsFromEnv } from "./worker-config";
import { waitForDatabase } from "./wait-for-database";
import { defaultWorkerId } from "./worker-id";
import { listenForQueuedRuns, type Wakeups } from "./postgres-wakeups";
import { serveWorkerMetrics, type MetricsServer } from "./metrics-server";
import { presenceTask } from "./presence-task";
import { WorkerRunMetrics } from "./run-metrics";
import { removeWorkerPresence } from "../tenancy/worker-registry-store";
import { describeError } from "./describe-error";
import { runOutcomeLog } from "./run-outcome-log";

/**
 * The worker as a process: configuration from the environment, the scheduler tick unless
 * WORKER_RUN_SCHEDULER=false, and a graceful stop on SIGTERM/SIGINT. Resolves once stopped.
 */
export async function runWorkerProcess({ jobs, logger = getLogger() }: { jobs?: JobRegistry; logger?: Logger } = {}): Promise<StopSummary> {
  const { runScheduler, schedulerTickMs, startTimeoutMs, ...options } = workerOptionsFromEnv();
  const workerId = options.workerId ?? defaultWorkerId();
  const workerLog = logger.child({ workerId });
  const say = messageLog(workerLog);
  let queue: RunQueue | undefined;
  // Opening a SQLite file can itself fail (an unwritable folder), so the queue is made inside the probe.
  await waitForDatabase({ probe: () => (queue ??= new RunQueue()).now(), timeoutMs: startTimeoutMs, log: say });
  await queue!.prepareDatabase();
  const { DATABASE_URL, WORKER_METRICS_PORT, METRICS_TOKEN } = readEnv();
  const metrics = new WorkerRunMetrics();
  // Before the first claim, so that the first runs already count under their business's label.
  await metrics.refreshLabels().catch((error: unknown) => say(`Could not read the metrics business labels: ${describeError(error)}`, "warn"));
  let busy = () => 0;
  // Before the worker starts: a port already taken ends the process before it claims anything.
  const metricsServer: MetricsServer | undefined =
    WORKER_METRICS_PORT === undefined ? undefined : await serveWorkerMetrics({ port: WORKER_METRICS_PORT, token: METRICS_TOKEN });
  const worker = startWorker({
    ...options,
    workerId,
    queue,
    jobs,
    log: say,
    metrics,
    periodicTasks: [
      presenceTask({ workerId, concurrency: options.concurrency, everyMs: options.heartbeatMs, runsInFlight: () => busy() }),
      metrics.labelRefreshTask(),
      ...(runScheduler ? [schedulerTask({ everyMs: schedulerTickMs, logger: workerLog })] : []),
    ],
    onSettled: runOutcomeLog(workerLog),
  });
  busy = () => worker.activeRuns;
  // SQLite has no notifications; its workers poll (WORKER_POLL_INTERVAL_MS).
  const wakeups: Wakeups | undefined =
    databaseProvider(DATABASE_URL) === "postgresql" ? listenForQueuedRuns({ url: DATABASE_URL, wake: () => worker.wake(), log: say }) : undefined;

  return new Promise<StopSummary>((resolve, reject) => {
    const removeListeners = onShutdownSignals({
      log: say,
      hurry: () => worker.hurry(),
      stop: () => {
        worker.stop().then(async (summary) => {
          await wakeups?.stop();
          await metricsServer?.close();
          // A worker that stopped on purpose leaves the list at once; a crashed one goes stale there.
          await removeWorkerPresence(workerId).catch((error: unknown) => say(`Could not unregister: ${describeError(error)}`, "warn"));
          removeListeners();
          say(`Stopped: ${summary.finished} runs finished, ${summary.aborted + summary.unstarted} released back to the queue`);
          resolve(summary);
        }, reject);
      },
    });
    // Only once a SIGTERM would be handled: whoever reads this line may stop the worker at once.
    say(`Started: concurrency ${options.concurrency}${runScheduler ? ", scheduler on" : ""}${wakeups ? ", woken by notifications" : ""}${metricsServer ? `, metrics on port ${metricsServer.port}` : ""}`);
  });
}
