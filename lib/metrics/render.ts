import { registerQueueGauges } from "./queue-gauges";
import { metricsRegistry } from "./registry";
import { registerWorkerGauges } from "./worker-gauges";

export interface RenderedMetrics {
  contentType: string;
  body: string;
}

/** The registry in the Prometheus text format, with the database gauges read now. */
export async function renderMetrics(): Promise<RenderedMetrics> {
  registerQueueGauges();
  registerWorkerGauges();
  const registry = metricsRegistry();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
