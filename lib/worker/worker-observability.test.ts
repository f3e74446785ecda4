import { createServer } from "node:net";
import { hostname } from "node:os";
import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { inAccess } from "@/lib/db/database-access";
import { PROCESS_TEST_TIMEOUT_MS, PROCESS_WAIT_MS } from "@/test-support/child-process";
import { createBusiness, queueRun, readRun, waitFor } from "@/test-support/fixtures";
import { useTempDatabase } from "@/test-support/use-temp-database";

const { database, spawnTs } = useTempDatabase();

const TOKEN = "worker-metrics-token-worker-metrics-token";
const ALL = { kind: "all", reason: "test: read the workers table" } as const;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

const workerRow = (id: string) => inAccess(ALL, () => getDb().worker.findUnique({ where: { id } }));

function samples(families: ParsedFamily[], name: string): { labels: Record<string, string>; value: number }[] {
  return families
    .filter((family) => family.name === name)
    .flatMap((family) => family.metrics)
    .map((sample) => ({ labels: sample.labels ?? {}, value: Number(sample.value) }));
}

function sum(families: ParsedFamily[], name: string, labels: Record<string, string> = {}): number {
  return samples(families, name)
    .filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels[key] === value))
    .reduce((total, sample) => total + sample.value, 0);
}

describe("a worker process's metrics and its row in the workers table", () => {
  it("registers, counts its runs in memory, serves them on its metrics port behind the token, and unregisters on a graceful stop", async () => {
    const business = await createBusiness({ name: "Observed" });
    const noop = await queueRun({ businessId: business.id, jobType: "test-noop", runAt: new Date(Date.now() - 5_000) });
    const flaky = await queueRun({ businessId: business.id, jobType: "test-flaky", params: { failTimes: 1 } });
    const port = await freePort();
    const worker = spawnTs("test-support/worker-entry.ts", {
      env: {
        ...database.env,
        WORKER_ID: "observed-worker",
        WORKER_CONCURRENCY: "3",
        WORKER_POLL_INTERVAL_MS: "100",
        WORKER_HEARTBEAT_MS: "300",
        WORKER_RUN_SCHEDULER: "false",
        WORKER_METRICS_PORT: String(port),
        METRICS_TOKEN: TOKEN,
        METRICS_BUSINESS_LABELS: business.slug,
      },
    });
    await worker.waitForLine(/Started: concurrency 3.*metrics on port/);

    const registered = await waitFor(async () => (await workerRow("observed-worker")) ?? undefined, { timeoutMs: PROCESS_WAIT_MS, what: "the worker's row" });
    expect(registered).toMatchObject({ host: hostname(), pid: worker.child.pid, concurrency: 3 });
    expect(registered.version).toMatch(/^\d+\.\d+\.\d+/);
    await waitFor(async () => (await readRun(noop.id)).status === "succeeded" && (await readRun(flaky.id)).status === "succeeded", {
      timeoutMs: PROCESS_WAIT_MS,
      what: "both runs to succeed",
    });
    // The heartbeat moves on while the worker is idle.
    await waitFor(async () => ((await workerRow("observed-worker"))?.lastHeartbeatAt ?? 0) > registered.lastHeartbeatAt, {
      timeoutMs: PROCESS_WAIT_MS,
      what: "a later heartbeat",
    });

    const url = `http://127.0.0.1:${port}/metrics`;
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(url, { headers: { authorization: "Bearer not-the-token" } })).status).toBe(404);
    const answer = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await answer.text();
    expect(body).not.toContain("observed-worker");
    // Without their TYPE lines, a histogram's _count series parse as plain samples with every label.
    const families = parsePrometheusTextFormat(body.replace(/^# TYPE \S+ histogram\n/gm, ""));

    const finished = "automation_worker_runs_finished_total";
    expect(sum(families, finished, { job_type: "test-noop", outcome: "succeeded", business: business.slug })).toBe(1);
    expect(sum(families, finished, { job_type: "test-flaky", outcome: "retrying", business: business.slug })).toBe(1);
    expect(sum(families, finished, { job_type: "test-flaky", outcome: "succeeded", business: business.slug })).toBe(1);
    expect(sum(families, "automation_worker_retries_total", { job_type: "test-flaky" })).toBe(1);
    expect(sum(families, "automation_worker_run_duration_seconds_count", { job_type: "test-noop", outcome: "succeeded" })).toBe(1);
    expect(sum(families, "automation_worker_queue_wait_seconds_count", { job_type: "test-noop" })).toBe(1);
    // Due five seconds before it was queued, so it waited at least that long.
    expect(sum(families, "automation_worker_queue_wait_seconds_sum", { job_type: "test-noop" })).toBeGreaterThanOrEqual(5);
    expect(sum(families, "automation_worker_claimed_runs_total")).toBe(3);
    expect(sum(families, "automation_worker_claim_duration_seconds_count", { result: "claimed" })).toBeGreaterThanOrEqual(2);
    expect(sum(families, "automation_worker_slots", { state: "busy" }) + sum(families, "automation_worker_slots", { state: "free" })).toBe(3);
    for (const family of families) {
      for (const sample of family.metrics) expect(Object.keys(sample.labels ?? {})).not.toContain("worker");
    }

    worker.child.kill("SIGTERM");
    expect((await worker.exited).code, worker.output()).toBe(0);
    expect(await workerRow("observed-worker")).toBeNull();
  }, PROCESS_TEST_TIMEOUT_MS);

  it("writes pretty lines on a terminal and JSON lines otherwise", async () => {
    const env = { ...database.env, WORKER_RUN_SCHEDULER: "false", WORKER_POLL_INTERVAL_MS: "100" };
    for (const terminal of [true, false]) {
      const worker = spawnTs("test-support/worker-entry.ts", { env, terminal });
      const started = await worker.waitForLine(/Started: concurrency/);
      if (terminal) {
        expect(started).toMatch(/INFO.*Started: concurrency/);
        expect(started.trim().startsWith("{")).toBe(false);
      } else {
        expect(JSON.parse(started)).toMatchObject({ level: "info", msg: expect.stringMatching(/^Started: concurrency/) });
      }
      worker.child.kill("SIGTERM");
      await worker.exited;
    }
  }, PROCESS_TEST_TIMEOUT_MS);
});
