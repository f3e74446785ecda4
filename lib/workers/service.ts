import { readEnv } from "../config/env";
import type { Scope } from "../tenancy/scope";
import { readWorkerRegistry } from "../tenancy/worker-registry-store";
import type { WorkerList } from "../client/worker-schemas";

/**
 * A worker is stale once it missed as many heartbeats as a rescue waits for: by then its runs are
 * being given to other workers, so it is either dead or cut off from the database.
 */
export function staleAfterMs(): number {
  return readEnv().WORKER_RESCUE_AFTER_MS;
}

/** Every registered worker and the runs it holds; the all-businesses scope only. */
export async function listWorkers({ scope }: { scope: Scope }): Promise<WorkerList> {
  const threshold = staleAfterMs();
  const rows = await readWorkerRegistry(scope);
  return {
    staleAfterMs: threshold,
    workers: rows.map((row) => ({
      id: row.id,
      host: row.host,
      pid: row.pid,
      version: row.version,
      concurrency: row.concurrency,
      runsInFlight: row.runsInFlight,
      startedAt: row.startedAt.toISOString(),
      lastHeartbeatAt: row.lastHeartbeatAt.toISOString(),
      heartbeatAgeMs: row.heartbeatAgeMs,
      stale: row.heartbeatAgeMs > threshold,
      runningRuns: row.runningRuns.map((run) => ({ ...run, startedAt: run.startedAt?.toISOString() ?? null })),
    })),
  };
}
