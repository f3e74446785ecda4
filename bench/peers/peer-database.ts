import { createPostgresDatabaseFromTemplate, type PostgresTestDatabase } from "../../test-support/postgres-test-databases";

/**
 * An empty database of its own on the benchmark's server, for one peer to install its schema into,
 * so no peer shares tables, locks or autovacuum work with Automation or another peer.
 */
export function createPeerDatabase(serverUrl: string, peer: string): Promise<PostgresTestDatabase> {
  return createPostgresDatabaseFromTemplate(serverUrl, { template: "template1", prefix: `bench_${peer.replace(/\W/g, "_")}` });
}
