import { forgetCachedEnv } from "../lib/config/env";
import { disconnectDb } from "../lib/db";

/**
 * Points this process's own database client (the one getDb() and enqueueJob use) at `url`. A
 * process that works on several databases in turn, as a benchmark run does, would otherwise keep
 * talking to the first.
 */
export async function useDatabaseInProcess(url: string): Promise<void> {
  // Repetitions on the same database keep their connected (warmed-up) client.
  if (process.env.DATABASE_URL === url) return;
  await disconnectDb();
  process.env.DATABASE_URL = url;
  forgetCachedEnv();
}
