export interface OutputStream {
  write(chunk: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface InputStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

/** The streams a command talks through; the process's own in production, fakes or pipes elsewhere. */
export interface Terminal {
  stdin: InputStream;
  stdout: OutputStream;
  stderr: OutputStream;
}

export function processTerminal(): Terminal {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
}

/** Someone is at a keyboard to answer questions and watch a progress bar. */
export function isInteractive(terminal: Terminal): boolean {
  return Boolean(terminal.stdin.isTTY && terminal.stdout.isTTY);
}

export function writeLines(stream: OutputStream, ...lines: string[]): void {
  stream.write(lines.map((line) => `${line}\n`).join(""));
}

export function formatCount(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? noun : plural}`;
}

export function formatSeconds(milliseconds: number): string {
  return `${(milliseconds / 1000).toFixed(1)} s`;
}
