import { createServer, type Server } from "node:http";
import { showsMetricsToken } from "../api/metrics-access";
import { metricsRegistry } from "../metrics/registry";

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves this worker's own metrics at GET /metrics. With METRICS_TOKEN set, only a request that
 * shows it as a bearer token gets them; every other request and path is a bare 404.
 */
export async function serveWorkerMetrics({ port, host, token }: { port: number; host?: string; token?: string }): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    void (async () => {
      const allowed =
        request.method === "GET" &&
        request.url?.split("?")[0] === "/metrics" &&
        (token === undefined || showsMetricsToken(request.headers.authorization, token));
      if (!allowed) {
        response.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
        return;
      }
      const registry = metricsRegistry();
      const body = await registry.metrics();
      response.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" }).end(body);
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end("Metrics unavailable\n");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
