import type { JobLog } from "../jobs/define-job";
import type { LogLevel, LogLine, RunQueue } from "./claim";

const FLUSH_AFTER_MS = 200;
const FLUSH_AT_LINES = 50;
const MAX_LINES_PER_ATTEMPT = 5_000;

/**
 * The `log` a handler sees. Lines are batched into few inserts and flushed before the attempt is
 * settled; after that the log is closed, so a handler that ignored its abort cannot keep writing
 * into the run's history.
 */
export class RunLog implements JobLog {
  private buffer: LogLine[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private written = 0;
  private closed = false;

  constructor(
    private readonly queue: RunQueue,
    private readonly run: { runId: string; businessId: string | null; attempt: number },
    private readonly echo?: (level: LogLevel, message: string) => void,
  ) {}

  info(message: string): void {
    this.add("info", message);
  }

  warn(message: string): void {
    this.add("warn", message);
  }

  error(message: string): void {
    this.add("error", message);
  }

  /** Writes what is buffered; the last call before settling the attempt. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  /** Closes the log and hands back what was not written yet, for the caller to write with the settle. */
  async drain(): Promise<LogLine[]> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.closed = true;
    await this.writing;
    const lines = this.buffer;
    this.buffer = [];
    return lines;
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.buffer;
    this.buffer = [];
    // Chained so lines land in the order they were logged.
    this.writing = this.writing.then(() => this.queue.appendLogs(lines)).catch(() => {});
    await this.writing;
  }

  private add(level: LogLevel, message: unknown): void {
    if (this.closed) return;
    const text = String(message);
    this.echo?.(level, text);
    if (this.written >= MAX_LINES_PER_ATTEMPT) return;
    this.written += 1;
    const suffix = this.written === MAX_LINES_PER_ATTEMPT ? " (further lines of this attempt are not kept)" : "";
    this.buffer.push({ ...this.run, level, message: `${text}${suffix}` });
    if (this.buffer.length >= FLUSH_AT_LINES) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_AFTER_MS);
  }
}
