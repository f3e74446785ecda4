import parsePrometheusTextFormat, { type ParsedFamily } from "parse-prometheus-text-format";
import { describe, expect, it } from "vitest";
import { getDb } from "../db";
import { inAccess } from "../db/database-access";
import { beatWorkerPresence } from "../tenancy/worker-registry-store";
import { RunQueue } from "../worker/claim";
import { createBusiness, queueRun } from "../../test-support/fixtures";
import { useTempDatabase } from "../../test-support/use-temp-database";
import { observeHttpRequest, renderMetrics } from ".";

useTempDatabase();

async function scrape(): Promise<ParsedFamily[]> {
  const { contentType, body } = await renderMetrics();
  expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  // The parser folds a histogram's labelled series into one; read without their TYPE line, its
  // _bucket, _count and _sum series parse as plain samples that keep every label.
  return parsePrometheusTextFormat(body.replace(/^# TYPE \S+ histogram\n/gm, ""));
}

function sample(families: ParsedFamily[], name: string, labels: Record<string, string>): number {
  const found = family(families, name).metrics.filter((candidate) => JSON.stringify(candidate.labels) === JSON.stringify(labels));
  expect(found, `${name}${JSON.stringify(labels)}`).toHaveLength(1);
  return Number(found[0]!.value);
}

function family(families: ParsedFamily[], name: string): ParsedFamily {
  const found = families.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`${name} is not in the scrape: ${families.map((candidate) => candidate.name).join(", ")}`);
  return found;
}

function activeRuns(families: ParsedFamily[]): Record<string, number> {
  return Object.fromEntries(
    family(families, "automation_job_runs_active").metrics.map((sample) => [`${sample.labels?.job_type}/${sample.labels?.status}`, Number(sample.value)]),
  );
}

describe("the metrics scrape", () => {
  it("reports queued and running runs per job type and the oldest due queued run's age, read from the database", async () => {
    expect(activeRuns(await scrape())).toEqual({});

    const acme = await createBusiness();
    const birch = await createBusiness();
    await queueRun({ businessId: acme.id, jobType: "sync-calendar", runAt: new Date(Date.now() - 120_000) });
    await queueRun({ businessId: birch.id, jobType: "sync-calendar" });
    await queueRun({ businessId: birch.id, jobType: "send-digest", runAt: new Date(Date.now() + 3_600_000) });
    const running = await queueRun({ businessId: acme.id, jobType: "send-digest" });
    expect(await new RunQueue().claimById({ runId: running.id, workerId: "metrics-test-worker" })).toBeTruthy();

    const families = await scrape();
    expect(activeRuns(families)).toEqual({ "sync-calendar/queued": 2, "send-digest/queued": 1, "send-digest/running": 1 });
    const age = Number(family(families, "automation_job_runs_oldest_queued_age_seconds").metrics[0]?.value);
    // Due two minutes ago; the run queued for an hour from now is not waiting yet.
    expect(age).toBeGreaterThanOrEqual(119);
    expect(age).toBeLessThan(3_600);
    expect(JSON.stringify(families)).not.toContain("metrics-test-worker");
  });

  it("reports live and stale workers and the live ones' slots from the workers table, with no worker id in any label", async () => {
    const presence = { host: "h", pid: 1, version: "1.0.0" };
    await beatWorkerPresence({ ...presence, id: "scrape-live-a", concurrency: 4, runsInFlight: 3 });
    await beatWorkerPresence({ ...presence, id: "scrape-live-b", concurrency: 2, runsInFlight: 0 });
    await beatWorkerPresence({ ...presence, id: "scrape-gone", concurrency: 8, runsInFlight: 8 });
    await inAccess({ kind: "all", reason: "test: age a heartbeat" }, () =>
      getDb().worker.update({ where: { id: "scrape-gone" }, data: { lastHeartbeatAt: new Date(Date.now() - 3_600_000) } }),
    );

    const families = await scrape();
    expect(sample(families, "automation_workers", { state: "live" })).toBe(2);
    expect(sample(families, "automation_workers", { state: "stale" })).toBe(1);
    expect(sample(families, "automation_workers_slots", { state: "busy" })).toBe(3);
    expect(sample(families, "automation_workers_slots", { state: "free" })).toBe(3);
    expect(JSON.stringify(families)).not.toContain("scrape-live-a");
  });

  it("counts request durations by route pattern, method and status", async () => {
    observeHttpRequest({ route: "/api/job-runs/{id}", method: "GET", status: 404, seconds: 0.02 });
    observeHttpRequest({ route: "/api/job-runs/{id}", method: "GET", status: 404, seconds: 0.3 });

    const families = await scrape();
    const series = "automation_http_request_duration_seconds";
    const labels = { route: "/api/job-runs/{id}", method: "GET", status: "404" };
    expect(sample(families, `${series}_count`, labels)).toBe(2);
    expect(sample(families, `${series}_bucket`, { le: "0.025", ...labels })).toBe(1);
    expect(sample(families, `${series}_bucket`, { le: "0.5", ...labels })).toBe(2);
    expect(sample(families, `${series}_sum`, labels)).toBeCloseTo(0.32);
  });
});
