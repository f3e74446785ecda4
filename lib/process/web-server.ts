import http from "node:http";
import { CLIENT_ADDRESS_HEADER, SERVER_SETS_CLIENT_ADDRESS } from "../config/trusted-proxy";

export type RequestHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;

/**
 * An HTTP server that tells the request handler which address the connection came from. Next.js
 * gives route handlers no socket, and fills X-Forwarded-For only when the client sent none, so a
 * client could otherwise choose its own address; this header it cannot choose: any copy it sends
 * is replaced before the handler runs.
 */
export function createWebServer(handle: RequestHandler): http.Server {
  process.env[SERVER_SETS_CLIENT_ADDRESS] = "1";
  return http.createServer((req, res) => {
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? "unknown";
    handle(req, res).catch((error: unknown) => {
      console.error("[web]", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  });
}
