import { Histogram } from "prom-client";
import { registeredOnce } from "./registry";

const NAME = "automation_http_request_duration_seconds";

function histogram(): Histogram<"route" | "method" | "status"> {
  return registeredOnce(
    NAME,
    (registry) =>
      new Histogram({
        name: NAME,
        help: "Time the web process took to answer an API request, by route pattern, method and status",
        labelNames: ["route", "method", "status"],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
  );
}

export interface AnsweredRequest {
  /** The route's pattern (`/api/job-runs/{id}`), never the raw URL: labels must stay few. */
  route: string;
  method: string;
  status: number;
  seconds: number;
}

export function observeHttpRequest({ route, method, status, seconds }: AnsweredRequest): void {
  histogram().observe({ route, method, status: String(status) }, seconds);
}
