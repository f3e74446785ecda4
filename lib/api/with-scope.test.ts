import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger, setProcessLogger } from "../logging/logger";

// The gate signs sessions with AUTH_SECRET; a fixed one keeps the test from writing a secret file.
process.env.AUTH_SECRET ??= "gate-test-secret-gate-test-secret-0123456789";
const { withScope } = await import("./with-scope");

let lines: Record<string, unknown>[];
beforeAll(() => {
  lines = [];
});
afterEach(() => {
  lines = [];
  setProcessLogger(undefined);
});

/** The process logger, writing its JSON lines into `lines` instead of stderr. */
function captureLogs() {
  setProcessLogger(createLogger({ level: "info", destination: { write: (line: string) => void lines.push(JSON.parse(line)) } }));
}

const handlerNeverReached = async (): Promise<Response> => {
  throw new Error("the handler must not run");
};

describe("the gate's request id", () => {
  it("stamps a refused request's response with the id of its log line, and mints a new id per request", async () => {
    captureLogs();
    const route = withScope(handlerNeverReached);
    const crossSite = () =>
      new Request("http://app.test/api/job-runs", { method: "POST", headers: { host: "app.test", origin: "https://evil.test" } });

    const first = await route(crossSite());
    const second = await route(crossSite());

    expect(first.status).toBe(403);
    const requestId = first.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers.get("x-request-id")).not.toBe(requestId);
    expect(lines).toContainEqual(expect.objectContaining({ requestId, method: "POST", path: "/api/job-runs", status: 403, msg: "request" }));
  });

  it("logs an unexpected error with the request id its 500 response carries", async () => {
    captureLogs();
    // Outside a Next.js request there is no session to read: the gate meets a real unexpected error.
    const response = await withScope(handlerNeverReached)(new Request("http://app.test/api/job-runs"));

    expect(response.status).toBe(500);
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("internal_error");
    expect(body.error.message).toContain(requestId);
    const errorLine = lines.find((line) => line.level === "error");
    expect(errorLine).toMatchObject({ requestId, msg: "unhandled error", err: expect.objectContaining({ message: expect.any(String) }) });
    expect(lines).toContainEqual(expect.objectContaining({ requestId, status: 500, msg: "request" }));
  });
});
