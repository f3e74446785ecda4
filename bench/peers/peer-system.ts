import type { PeerJobPayload } from "./peer-job";

/** One job system Automation is compared with, installed in a database of its own. */
export interface PeerSystem {
  /** The peer and its setup, "as shipped" or "tuned (…settings…)", as the report's rows name it. */
  name: string;
  /** How its workers are set up, for the report's notes. */
  setup: string;
  /** Creates a fresh database on the server and installs the peer's schema in it. */
  install(serverUrl: string): Promise<InstalledPeer>;
}

export interface InstalledPeer {
  url: string;
  /** The worker process entry point (see serve-peer-worker.ts). */
  workerEntry: string;
  /** Whether its workers run with the throughput settings its documentation recommends, or as shipped. */
  tuned: boolean;
  /** Queues many jobs at once, in order, with the peer's bulk API. */
  enqueueMany(payloads: readonly PeerJobPayload[]): Promise<void>;
  /** Queues one job the way an application's request handler would. */
  enqueueOne(payload: PeerJobPayload): Promise<void>;
  /** Jobs queued or running. */
  outstanding(): Promise<number>;
  /** Jobs that failed (none should). */
  failed(): Promise<number>;
  /** Removes every job, finished or not, before the next measurement. */
  clear(): Promise<void>;
  /** Closes connections and drops the database. */
  remove(): Promise<void>;
}
