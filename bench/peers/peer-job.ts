import { countHandled } from "../handled-progress";

/**
 * The benchmark job as the peers run it, and what their worker processes tell the benchmark when
 * they stop. The job does what Automation's bench-work job does: sleep `ms` (0: return at once).
 */
export interface PeerJobPayload {
  ms: number;
  /** When the job was triggered (epoch ms); present only where waiting time is measured. */
  since?: number;
  /** Groups waiting times, e.g. by business; the peers have no tenants of their own. */
  label?: string;
}

export interface PeerWorkerReport {
  handled: number;
  firstStartedAt: number | null;
  lastFinishedAt: number | null;
  /** [label, handler start − since] for each job that carried `since`. */
  waits: Array<[string, number]>;
}

/**
 * Runs the job and remembers when handlers ran. Throughput is read from the handlers themselves
 * because graphile-worker deletes a job when it succeeds, leaving no completion time behind.
 */
export function createJobRecorder() {
  const report: PeerWorkerReport = { handled: 0, firstStartedAt: null, lastFinishedAt: null, waits: [] };
  return {
    async run(payload: PeerJobPayload): Promise<void> {
      const startedAt = Date.now();
      if (payload.since !== undefined) report.waits.push([payload.label ?? "", startedAt - payload.since]);
      if (payload.ms > 0) await new Promise((resolve) => setTimeout(resolve, payload.ms));
      const finishedAt = Date.now();
      report.handled++;
      countHandled();
      if (report.firstStartedAt === null || startedAt < report.firstStartedAt) report.firstStartedAt = startedAt;
      if (report.lastFinishedAt === null || finishedAt > report.lastFinishedAt) report.lastFinishedAt = finishedAt;
    },
    report: () => report,
  };
}
