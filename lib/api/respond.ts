import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { getLogger } from "../logging/logger";
import { AppError } from "../errors";
import type { RequestLog } from "./request-log";

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** Maps anything thrown by a handler to the one error shape; unknown errors leak nothing. */
export function errorResponse(error: unknown, request?: Pick<RequestLog, "requestId" | "log">): Response {
  if (error instanceof AppError) {
    const body = { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
    return json(body, error.status);
  }
  if (error instanceof ZodError) {
    return errorResponse(zodToAppError(error), request);
  }
  const requestId = request?.requestId ?? randomUUID();
  (request?.log ?? getLogger().child({ requestId })).error({ err: error }, "unhandled error");
  return json({ error: { code: "internal_error", message: `Something went wrong (request ${requestId})` } }, 500);
}

export function zodToAppError(error: ZodError, message = "The request is not valid"): AppError {
  return new AppError(
    "bad_request",
    message,
    error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
  );
}
