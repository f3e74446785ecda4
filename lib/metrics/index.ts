export { observeHttpRequest, type AnsweredRequest } from "./http-metrics";
export { renderMetrics, type RenderedMetrics } from "./render";
export { routePattern } from "./route-pattern";
export { metricsRegistry } from "./registry";
