import { registerQueueGauges } from "./queue-gauges";
import { metricsRegistry } from "./registry";

export interface RenderedMetrics {
  contentType: string;
  body: string;
}

/** The registry in the Prometheus text format, with the database gauges read now. */
export async function renderMetrics(): Promise<RenderedMetrics> {
  registerQueueGauges();
  const registry = metricsRegistry();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
