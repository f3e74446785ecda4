import { graphileWorker } from "./graphile-worker-system";
import { pgBoss } from "./pg-boss-system";
import type { PeerSystem } from "./peer-system";

/** The job systems users compare Automation with, in the report's column order. */
export const PEER_SYSTEMS: readonly PeerSystem[] = [pgBoss, graphileWorker];

/**
 * The plain first-in-first-out queue in the fairness comparison. graphile-worker serves jobs in
 * the order they were added; pg-boss 10 orders a bulk insert by random UUID, which would blur
 * the very backlog the comparison is about.
 */
export const FIFO_PEER: PeerSystem = graphileWorker;
