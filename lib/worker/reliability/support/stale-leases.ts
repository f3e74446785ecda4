import { Prisma } from "../../../db/sql";
import { ALL_BUSINESSES, scopedDb } from "../../../tenancy";
import type { Lease } from "../../claim";

/**
 * Leases that `workerIds` held on runs another worker is running now under a lease of its own:
 * what a worker that was only frozen, not dead, would still hold when it wakes up.
 */
export async function staleLeasesOnRunsRunningAgain(workerIds: readonly string[]): Promise<Lease[]> {
  if (workerIds.length === 0) return [];
  return scopedDb(ALL_BUSINESSES).$queryRaw<Lease[]>(Prisma.sql`
    SELECT a.run_id AS "runId", a.lease_id AS "leaseId" FROM job_run_attempts a
    JOIN job_runs r ON r.id = a.run_id
    WHERE a.worker_id IN (${Prisma.join([...workerIds])}) AND r.status = 'running' AND r.lease_id <> a.lease_id`);
}
