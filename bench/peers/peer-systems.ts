import { graphileWorker, graphileWorkerTuned } from "./graphile-worker-system";
import { pgBoss, pgBossTuned } from "./pg-boss-system";
import type { PeerSystem } from "./peer-system";

/**
 * The job systems users compare Automation with, each as shipped and tuned as its own
 * documentation recommends for throughput, in the report's row order.
 */
export const PEER_SYSTEMS: readonly PeerSystem[] = [pgBoss, pgBossTuned, graphileWorker, graphileWorkerTuned];

/**
 * The peers in the latency comparison. pg-boss as shipped is left out: its 4 workers fetch one
 * job each per 2 s poll, 2 jobs/s between them, fewer than the comparison triggers, so its figure
 * would measure a growing backlog rather than how fast a queue notices a new job.
 */
export const LATENCY_PEER_SYSTEMS: readonly PeerSystem[] = [pgBossTuned, graphileWorker, graphileWorkerTuned];

/**
 * The plain first-in-first-out queue in the fairness comparison. graphile-worker serves jobs in
 * the order they were added, as shipped.
 */
export const FIFO_PEER: PeerSystem = graphileWorker;
