/**
 * What every run carries, whoever queued it (API, schedule, command line): enough to re-check at
 * execution time that the business and the actor are still allowed to run it.
 */
export interface JobPayload {
  businessId: string | null;
  actorUserId: string | null;
  jobType: string;
  params: unknown;
  createdAt: Date;
  idempotencyKey: string | null;
}
