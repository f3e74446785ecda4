import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { inAccess, withoutDatabaseAccess } from "@/lib/db/database-access";
import { Prisma } from "@/lib/db/sql";
import { ALL_BUSINESSES, businessScope } from "@/lib/tenancy/scope";
import { beatWorkerPresence, removeWorkerPresence } from "@/lib/tenancy/worker-registry-store";
import { RunQueue } from "@/lib/worker/claim";
import { createBusiness, queueRun } from "@/test-support/fixtures";
import { testDatabaseProvider } from "@/test-support/test-database-provider";
import { useTempDatabase } from "@/test-support/use-temp-database";
import { listWorkers, staleAfterMs } from "./service";

useTempDatabase();

const ALL = { kind: "all", reason: "test: age a worker's heartbeat" } as const;
const presence = (id: string) => ({ id, host: "host-a", pid: 4242, version: "9.9.9", concurrency: 2, runsInFlight: 1 });

describe("the workers list", () => {
  it("lists registered workers with the runs each holds and marks a worker stale once its heartbeat is older than a rescue waits", async () => {
    const business = await createBusiness();
    await beatWorkerPresence(presence("fresh-worker"));
    await beatWorkerPresence(presence("silent-worker"));
    const aged = new Date(Date.now() - staleAfterMs() - 60_000);
    await inAccess(ALL, () => getDb().worker.update({ where: { id: "silent-worker" }, data: { lastHeartbeatAt: aged } }));
    const run = await queueRun({ businessId: business.id, jobType: "sync-calendar" });
    await new RunQueue().claimById({ runId: run.id, workerId: "fresh-worker" });

    const { workers } = await listWorkers({ scope: ALL_BUSINESSES });
    expect(workers.map(({ id, stale, runningRuns }) => ({ id, stale, runs: runningRuns.map((held) => held.id) }))).toEqual([
      { id: "fresh-worker", stale: false, runs: [run.id] },
      { id: "silent-worker", stale: true, runs: [] },
    ]);
    expect(workers[0]).toMatchObject({ host: "host-a", pid: 4242, version: "9.9.9", concurrency: 2, runsInFlight: 1 });

    // A heartbeat refreshes the row and keeps the time it started.
    const startedAt = workers[1]!.startedAt;
    await beatWorkerPresence({ ...presence("silent-worker"), runsInFlight: 0 });
    const again = (await listWorkers({ scope: ALL_BUSINESSES })).workers.find((worker) => worker.id === "silent-worker")!;
    expect(again).toMatchObject({ stale: false, runsInFlight: 0, startedAt });

    await removeWorkerPresence("silent-worker");
    expect((await listWorkers({ scope: ALL_BUSINESSES })).workers.map((worker) => worker.id)).toEqual(["fresh-worker"]);
  });

  it("refuses a business scope: worker identities are never shown to a business", async () => {
    const business = await createBusiness();
    await expect(listWorkers({ scope: businessScope(business.id) })).rejects.toThrow(/Refused in a business scope/);
  });

  it.runIf(testDatabaseProvider() === "postgresql")("lets only the all-businesses access see or write worker rows on PostgreSQL", async () => {
    const business = await createBusiness();
    await beatWorkerPresence(presence("guarded-worker"));
    const ids = () => getDb().$queryRaw<{ id: string }[]>(Prisma.sql`SELECT id FROM workers`).then((rows) => rows.map((row) => row.id));
    expect(await inAccess({ kind: "all", reason: "test" }, ids)).toContain("guarded-worker");
    expect(await inAccess({ kind: "business", businessId: business.id }, ids)).toEqual([]);
    expect(await withoutDatabaseAccess(ids)).toEqual([]);
    await expect(
      inAccess({ kind: "business", businessId: business.id }, () =>
        getDb().$executeRaw(Prisma.sql`INSERT INTO workers (id, host, pid, version, concurrency, runs_in_flight, started_at, last_heartbeat_at)
          VALUES ('forged', 'h', 1, 'v', 1, 0, now(), now())`),
      ),
    ).rejects.toThrow(/row-level security/);
    expect(await inAccess({ kind: "business", businessId: business.id }, () => getDb().$executeRaw(Prisma.sql`DELETE FROM workers`))).toBe(0);
    expect(await inAccess({ kind: "all", reason: "test" }, ids)).toContain("guarded-worker");
  });
});
