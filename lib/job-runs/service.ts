export { listJobRuns, listActiveJobRuns, listRecentJobRuns, type JobRunPage } from "./list-service";
export { getBusinessBreakdown, type BusinessBreakdown } from "./business-breakdown";
export { getJobRunStats, type JobRunStats } from "./stats-service";
export { listFinishedJobTypes } from "./stats-queries";
export { getJobRunDetail, jobRunExists } from "./detail-service";
export { listJobTypes } from "./types-service";
export { triggerJobRun, type TriggerResult } from "./trigger-service";
export { cancelJobRun, retryJobRun } from "./manage-service";
export { bulkChangeJobRuns, type BulkResult, type BulkPreview, type BulkOutcome } from "./bulk-service";
