import { withMetricsAccess } from "@/lib/api/with-metrics-access";
import { renderMetrics } from "@/lib/metrics";

export const dynamic = "force-dynamic";

// GET /api/metrics — queue gauges and request durations in the Prometheus text format (metrics token or system admin)
export const GET = withMetricsAccess(async () => {
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
