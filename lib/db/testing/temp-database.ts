import { createDb, type Db } from "../client";
import { createFreshDatabase } from "./fresh-database";

export interface TempDatabase {
  url: string;
  db: Db;
  dispose(): Promise<void>;
}

/** A migrated database of the suite's provider; also exported as DATABASE_URL for code under test. */
export async function createTempDatabase({ exportAsEnv = true }: { exportAsEnv?: boolean } = {}): Promise<TempDatabase> {
  const fresh = await createFreshDatabase();
  if (exportAsEnv) process.env.DATABASE_URL = fresh.url;
  const db = createDb(fresh.url);
  return {
    url: fresh.url,
    db,
    async dispose() {
      await db.$disconnect();
      await fresh.remove();
    },
  };
}
