import { routeNotFound } from "../errors";
import { mayReadMetrics } from "./metrics-access";
import { startRequestLog } from "./request-log";
import { errorResponse } from "./respond";
import { authenticate } from "./with-scope";

/** The gate of GET /api/metrics: the metrics token or a system admin, else the 404 of a missing route. */
export function withMetricsAccess(handler: () => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const request = startRequestLog(req);
    try {
      if (!(await mayReadMetrics(req, { authenticate }))) throw routeNotFound();
      return request.finish(await handler());
    } catch (error) {
      return request.finish(errorResponse(error, request));
    }
  };
}
