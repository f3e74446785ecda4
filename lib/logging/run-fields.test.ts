import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { runLogFields } from "./run-fields";

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: "info", destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines };
}

const run = {
  id: "0b6f3c1e-8d7a-4f59-9a53-3d2f5e1c9a10",
  businessId: "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
  jobType: "export-report",
  attempt: 2,
  triggeredByUserId: "5e4d3c2b-1a09-4f8e-8d7c-6b5a49382716",
  params: { days: 7, recipientEmail: "owner@acme.example", apiKey: "sk-live-0123456789" },
};

describe("a run's log line", () => {
  it("carries the run, business and user ids and the names of the params, never their values", () => {
    const { logger, lines } = capture();
    logger.info(runLogFields(run), "run settled");

    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      runId: run.id,
      businessId: run.businessId,
      userId: run.triggeredByUserId,
      jobType: "export-report",
      attempt: 2,
      paramKeys: ["apiKey", "days", "recipientEmail"],
      msg: "run settled",
      level: "info",
    });
    for (const value of ["owner@acme.example", "sk-live-0123456789"]) expect(lines[0]).not.toContain(value);
  });

  it("hides params, passwords and tokens even when a caller logs them by mistake", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        runId: run.id,
        params: run.params,
        user: { password: "hunter2-secret", passwordHash: "scrypt$stored-hash" },
        token: "tok-abc-123",
        request: { run: { params: { apiKey: "deep-key-456" } }, headers: { cookie: "session=deep-cookie" } },
      },
      "careless",
    );

    for (const value of ["owner@acme.example", "sk-live-0123456789", "hunter2-secret", "scrypt$stored-hash", "tok-abc-123", "deep-key-456", "deep-cookie"]) {
      expect(lines[0]).not.toContain(value);
    }
    expect(JSON.parse(lines[0]!)).toMatchObject({ runId: run.id, params: "[redacted]" });
  });

  it("is left out below LOG_LEVEL", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "warn", destination: { write: (line: string) => void lines.push(line) } });
    logger.info(runLogFields(run), "run settled");
    logger.warn(runLogFields(run), "run failed");
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual(["run failed"]);
  });
});
