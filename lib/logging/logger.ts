import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";
import { readEnv, type Env } from "../config/env";

export type { Logger };

// Never written, whatever object a caller hands the logger: a run's params, credentials, cookies.
const REDACTED_FIELDS = ["params", "password", "passwordHash", "secret", "token", "authorization", "cookie"];
// At the top of a line and up to two objects down (a request's headers, an error's details).
const REDACTED_PATHS = REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

/**
 * A JSON-lines logger. Logs go to stderr so that what a command prints for its user on stdout
 * (tables, prompts, progress) stays apart from them; on a terminal they are pretty-printed.
 */
export function createLogger({
  level = readEnv().LOG_LEVEL,
  destination = stderrDestination(),
}: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    },
    destination,
  );
}

export function wantsPrettyLogs(format: Env["LOG_FORMAT"], stderrIsTerminal: boolean): boolean {
  return format === "pretty" || (format === "auto" && stderrIsTerminal);
}

// Written synchronously either way: the last lines before a crash or exit must not be lost.
function stderrDestination(): DestinationStream {
  if (!wantsPrettyLogs(readEnv().LOG_FORMAT, Boolean(process.stderr.isTTY))) return pino.destination({ fd: 2, sync: true });
  return pretty({ destination: 2, sync: true, colorize: Boolean(process.stderr.isTTY), translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
}

// One per process; on globalThis because Next.js re-evaluates modules in development.
const holder = globalThis as unknown as { __automationLogger?: Logger };

export function getLogger(): Logger {
  holder.__automationLogger ??= createLogger();
  return holder.__automationLogger;
}

/** Sends this process's logs elsewhere: a test reading the lines a request produced. */
export function setProcessLogger(logger: Logger | undefined): void {
  holder.__automationLogger = logger;
}

export type LogLevelName = "info" | "warn" | "error";

/** A plain-message log for code that reports events as sentences, on a structured logger. */
export type MessageLog = (message: string, level?: LogLevelName) => void;

export function messageLog(logger: Logger): MessageLog {
  return (message, level = "info") => logger[level](message);
}
