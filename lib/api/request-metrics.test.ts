import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { metricsRegistry } from "../metrics";

// The gate signs sessions with AUTH_SECRET; a fixed one keeps the test from writing a secret file.
process.env.AUTH_SECRET ??= "gate-test-secret-gate-test-secret-0123456789";
const { withScope } = await import("./with-scope");

async function durationSeries() {
  const histogram = metricsRegistry().getSingleMetric("automation_http_request_duration_seconds");
  if (!histogram) throw new Error("no request has been counted");
  const { values } = await histogram.get();
  return values.filter((value) => "metricName" in value && value.metricName === "automation_http_request_duration_seconds_count");
}

describe("the gate's request metrics", () => {
  it("counts each answered request under its route pattern, method and status, never its raw URL", async () => {
    const id = randomUUID();
    const route = withScope(async () => new Response(null, { status: 204 }));
    const crossSite = new Request(`http://app.test/api/job-runs/${id}/cancel`, {
      method: "POST",
      headers: { host: "app.test", origin: "https://evil.test" },
    });

    const response = await route(crossSite, { params: Promise.resolve({ id }) });

    expect(response.status).toBe(403);
    const series = await durationSeries();
    expect(series).toContainEqual(
      expect.objectContaining({ labels: { route: "/api/job-runs/{id}/cancel", method: "POST", status: "403" }, value: 1 }),
    );
    expect(JSON.stringify(series)).not.toContain(id);
  });
});
