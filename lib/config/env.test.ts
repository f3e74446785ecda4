import { describe, expect, it } from "vitest";
import { readEnv } from "./env";

describe("readEnv", () => {
  it("defaults to the embedded SQLite database", () => {
    expect(readEnv({}).DATABASE_URL).toBe("file:./data/automation.db");
    expect(readEnv({ DATABASE_URL: "" }).DATABASE_URL).toBe("file:./data/automation.db");
  });

  it("names the variable that is wrong", () => {
    expect(() => readEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must start with file:/);
    expect(() => readEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET: must be at least 32 characters/);
    expect(() => readEnv({ APP_ORIGIN: "not a url" })).toThrow(/APP_ORIGIN/);
    expect(() => readEnv({ WORKER_START_TIMEOUT_MS: "soon" })).toThrow(/WORKER_START_TIMEOUT_MS/);
    expect(() => readEnv({ WORKER_START_TIMEOUT_MS: "-1" })).toThrow(/WORKER_START_TIMEOUT_MS/);
  });

  it("logs at info unless LOG_LEVEL names another pino level", () => {
    expect(readEnv({}).LOG_LEVEL).toBe("info");
    expect(readEnv({ LOG_LEVEL: "debug" }).LOG_LEVEL).toBe("debug");
    expect(() => readEnv({ LOG_LEVEL: "verbose" })).toThrow(/LOG_LEVEL/);
  });

  it("gives a worker 30 s to reach its database at start", () => {
    expect(readEnv({}).WORKER_START_TIMEOUT_MS).toBe(30_000);
    expect(readEnv({ WORKER_START_TIMEOUT_MS: "5000" }).WORKER_START_TIMEOUT_MS).toBe(5_000);
  });
});
