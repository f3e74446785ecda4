import { createDb, type Db } from "../lib/db/client";

/**
 * A client of the test's own, for setting up and checking a database that the code under test
 * uses through its own connection. It is the raw client: tests look across businesses on purpose.
 */
export type TestClient = Db;

export function openTestClient(url: string): TestClient {
  return createDb(url);
}
