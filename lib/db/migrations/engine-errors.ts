import type { ErrorRegistry } from "@prisma/driver-adapter-utils";

const EXTERNAL_ERROR = /External error id#(\d+)/;

/**
 * An exception thrown inside a driver adapter reaches the caller as "External error id#N"; the
 * adapter's error registry still holds the original, whose message explains the failure.
 */
export function withCapturedCause(error: unknown, registry: ErrorRegistry): unknown {
  if (!(error instanceof Error)) return error;
  const id = EXTERNAL_ERROR.exec(error.message)?.[1];
  const captured = id === undefined ? undefined : registry.consumeError(Number(id))?.error;
  if (captured === undefined) return error;

  const detail = captured instanceof Error ? captured.message : String(captured);
  const explained = new Error(error.message.replace(EXTERNAL_ERROR, detail), { cause: captured });
  // Keep the engine's error code (P3006, P3018, …) for callers that branch on it.
  if ("code" in error) Object.assign(explained, { code: error.code });
  return explained;
}
