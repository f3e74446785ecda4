import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createBusiness } from "../../test-support/fixtures";
import { testDatabaseProvider } from "../../test-support/test-database-provider";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { testNoop } from "../../test-support/test-jobs";
import type { JobDefinition } from "./define-job";
import { enqueueJob } from "./enqueue";

const { database } = useTempDatabase();

describe.runIf(testDatabaseProvider() === "sqlite")("a trigger while another process writes the SQLite file", () => {
  it("waits for the writer and queues its run, rather than failing at once", async () => {
    const business = await createBusiness();
    // Another process (a worker settling runs) holds the write lock for a moment.
    const holdLock = `
      const db = new (require("better-sqlite3"))(process.argv[1]);
      db.exec("BEGIN IMMEDIATE");
      process.stdout.write("locked\\n");
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
      db.exec("COMMIT");
      db.close();`;
    const writer = spawn(process.execPath, ["-e", holdLock, database.url.replace(/^file:/, "")], { stdio: ["ignore", "pipe", "inherit"] });
    await once(writer.stdout, "data");
    const released = once(writer, "exit");
    const queued = enqueueJob({ job: testNoop as JobDefinition, businessId: business.id, params: {}, triggerSource: "api" });
    const [run, [exitCode]] = await Promise.all([queued, released]);
    expect(exitCode).toBe(0);
    expect(run.created).toBe(true);
    expect(await getDb().jobRun.count({ where: { id: run.id } })).toBe(1);
  });
});
