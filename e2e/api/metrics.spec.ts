import { expect, test, type APIResponse } from "@playwright/test";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { E2E_ENV } from "../server-env";
import { contextFor, type Caller } from "../support/contexts";
import { ApiDescription } from "../support/openapi-conformance";

const NOT_FOUND = { error: { code: "not_found", message: "Not found" } };

async function scrapeAs(caller: Caller, headers: Record<string, string> = {}) {
  const context = await contextFor(caller);
  const description = await ApiDescription.load(context);
  const response: APIResponse = await context.get("/api/metrics", { headers });
  await description.expectConforms("GET", response);
  const result = { status: response.status(), headers: response.headers(), text: await response.text() };
  await context.dispose();
  return result;
}

test("[metrics] anonymous callers, wrong tokens and business admins get the 404 of a missing route", async () => {
  const refused = [
    await scrapeAs("anonymous"),
    await scrapeAs("anonymous", { authorization: "Bearer not-the-metrics-token-not-the-metrics-token" }),
    await scrapeAs("acmeAdmin"),
    await scrapeAs("acmeMember"),
  ];
  for (const answer of refused) {
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text)).toEqual(NOT_FOUND);
    expect(answer.text).not.toContain("automation_");
  }
});

test("[metrics] a system admin reads the queue gauges and request durations in the Prometheus text format", async () => {
  const sysadmin = await contextFor("sysadmin");
  expect((await sysadmin.get("/api/job-runs/stats")).status()).toBe(200);
  await sysadmin.dispose();

  const answer = await scrapeAs("sysadmin");
  expect(answer.status).toBe(200);
  expect(answer.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
  expect(answer.headers["cache-control"]).toContain("no-store");
  const families = parsePrometheusTextFormat(answer.text.replace(/^# TYPE \S+ histogram\n/gm, ""));
  const named = (name: string) => families.filter((family) => family.name === name);
  expect(named("automation_job_runs_active").map((family) => family.type)).toEqual(["GAUGE"]);
  expect(named("automation_job_runs_oldest_queued_age_seconds").map((family) => family.type)).toEqual(["GAUGE"]);
  // Read without its TYPE line, a histogram's series interleave their _bucket, _sum and _count
  // lines, so the parser starts a new family at each run of _count lines: gather them all.
  expect(named("automation_http_request_duration_seconds_count").flatMap((family) => family.metrics)).toContainEqual(
    expect.objectContaining({ labels: { route: "/api/job-runs/stats", method: "GET", status: "200" } }),
  );
});

test("[metrics] the metrics token reads the metrics without a session", async () => {
  const answer = await scrapeAs("anonymous", { authorization: `Bearer ${E2E_ENV.METRICS_TOKEN}` });
  expect(answer.status).toBe(200);
  expect(parsePrometheusTextFormat(answer.text.replace(/^# TYPE \S+ histogram\n/gm, "")).map((family) => family.name)).toContain(
    "automation_job_runs_active",
  );
});
