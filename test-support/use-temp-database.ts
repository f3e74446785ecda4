import { afterAll, beforeAll } from "vitest";
import { disconnectDb } from "../lib/db/client";
import { PROCESS_WAIT_MS, spawnTs as spawnUntracked, stopChild, type SpawnedProcess } from "./child-process";
import { createTempDatabase, type TempDatabase } from "./temp-database";

export interface TempDatabaseFixture {
  /** The file's database; its fields can be read once beforeAll has run. */
  database: Readonly<Omit<TempDatabase, "remove">>;
  /** spawnTs, except that a process still running when the file ends is killed rather than left behind. */
  spawnTs: typeof spawnUntracked;
}

/**
 * One fresh database for the whole test file (see createTempDatabase). Call it at the top level of
 * the file, before anything reads the environment: it registers that file's beforeAll and afterAll.
 */
export function useTempDatabase(): TempDatabaseFixture {
  let current: TempDatabase | undefined;
  const children: SpawnedProcess[] = [];
  const created = () => {
    if (!current) throw new Error("The test database is created in beforeAll; use it from a test or a later hook");
    return current;
  };

  // Migrating a database on a loaded machine can outlast the default hook timeout.
  beforeAll(async () => {
    current = await createTempDatabase();
  }, PROCESS_WAIT_MS);

  afterAll(async () => {
    await Promise.all(children.map(stopChild));
    // The process's one client, which the code under test and the fixtures opened on this database.
    await disconnectDb();
    await current?.remove();
  });

  return {
    // Getters, because the file destructures this before beforeAll has created the database.
    database: {
      get url() {
        return created().url;
      },
      get dir() {
        return created().dir;
      },
      get storageDir() {
        return created().storageDir;
      },
      get env() {
        return created().env;
      },
    },
    spawnTs(script, options) {
      const spawned = spawnUntracked(script, options);
      children.push(spawned);
      return spawned;
    },
  };
}
