import { randomUUID } from "node:crypto";
import { getLogger, type Logger } from "../logging/logger";
import { observeHttpRequest, routePattern } from "../metrics";

export const REQUEST_ID_HEADER = "x-request-id";

export interface RequestLog {
  readonly requestId: string;
  readonly log: Logger;
  /** Adds who is calling to every later line of this request, once the session is known. */
  identify(who: { userId: string; businessId?: string | null }): void;
  /** Stamps the response with the request id and writes the request's line. */
  finish(response: Response): Response;
}

/**
 * Minted when a request reaches the gate: the id its response, its log lines and a 500's body share.
 * `params` are the route's dynamic segments, which the request's duration is counted without.
 */
export function startRequestLog(req: Request, params?: Record<string, string | string[] | undefined>): RequestLog {
  const requestId = randomUUID();
  const startedAt = performance.now();
  const path = new URL(req.url).pathname;
  let log = getLogger().child({ requestId, method: req.method, path });
  return {
    requestId,
    get log() {
      return log;
    },
    identify({ userId, businessId }) {
      log = log.child({ userId, ...(businessId ? { businessId } : {}) });
    },
    finish(response) {
      const stamped = withHeader(response, REQUEST_ID_HEADER, requestId);
      const seconds = (performance.now() - startedAt) / 1000;
      log.info({ status: stamped.status, durationMs: Math.round(seconds * 1000) }, "request");
      observeHttpRequest({ route: routePattern(path, params), method: req.method, status: stamped.status, seconds });
      return stamped;
    },
  };
}

function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    // Some responses (redirects, fetched bodies) have immutable headers: copy into a new one.
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}
