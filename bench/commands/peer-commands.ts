import type { BenchCommand } from "./command";
import { peersFairness } from "./peers-fairness";
import { peersLatency } from "./peers-latency";
import { peersSqlite } from "./peers-sqlite";
import { peersThroughput } from "./peers-throughput";

/** Automation against pg-boss and graphile-worker on the same PostgreSQL server, and on SQLite, in the same run. */
export const PEER_COMMANDS: readonly BenchCommand[] = [peersThroughput, peersSqlite, peersLatency, peersFairness];
