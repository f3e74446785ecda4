import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnTs, stopChild, type SpawnedProcess } from "../../test-support/child-process";

const children: SpawnedProcess[] = [];
const dir = mkdtempSync(path.join(tmpdir(), "worker-start-timeout-"));
afterAll(async () => {
  await Promise.all(children.map(stopChild));
  rmSync(dir, { recursive: true, force: true });
});

/** A port nothing listens on: bound by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startWorker(databaseUrl: string) {
  const worker = spawnTs("scripts/worker.ts", {
    env: { DATABASE_URL: databaseUrl, WORKER_START_TIMEOUT_MS: "1500", WORKER_RUN_SCHEDULER: "false" },
  });
  children.push(worker);
  return { worker, exit: await worker.exited };
}

describe("npm run worker with an unreachable database", () => {
  it("exits 1 naming the timeout when PostgreSQL refuses connections", async () => {
    const { worker, exit } = await startWorker(`postgresql://automation:automation@127.0.0.1:${await closedPort()}/automation`);
    expect(exit.code).toBe(1);
    expect(worker.output()).toMatch(/Database not reachable yet, retrying/);
    expect(worker.output()).toMatch(/Database not reachable after 2 s \(WORKER_START_TIMEOUT_MS=1500\)/);
    expect(worker.output()).not.toMatch(/Started: concurrency/);
  });

  it("exits 1 naming the timeout when the SQLite file cannot be opened", async () => {
    const notAFolder = path.join(dir, "plain-file");
    writeFileSync(notAFolder, "");
    const { worker, exit } = await startWorker(`file:${path.join(notAFolder, "automation.db")}`);
    expect(exit.code).toBe(1);
    expect(worker.output()).toMatch(/Database not reachable after 2 s \(WORKER_START_TIMEOUT_MS=1500\)/);
    expect(worker.output()).not.toMatch(/Started: concurrency/);
  });
});
