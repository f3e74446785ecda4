import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../", import.meta.url));

export interface StartedProcess {
  pid: number;
  /** Resolves when the process prints `readyText`; rejects if it exits first. */
  ready: Promise<void>;
  /** What it printed, for error messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  env: Record<string, string>;
  readyText: string;
  /** Also pass its error output on, for a process whose errors explain a failed measurement. */
  echoErrors?: boolean;
  /** Sees every chunk of standard output, e.g. to read progress lines. */
  onOutput?: (chunk: string) => void;
}

/** A child process we keep the pid of, so its memory can be read. */
export function startProcess(command: string, args: string[], { env, readyText, echoErrors = false, onOutput }: StartOptions): StartedProcess {
  const child = spawn(command, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  if (child.pid === undefined) throw new Error(`Could not start ${command}`);
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const collect = (chunk: string) => {
      // Enough of the start to tell why it failed; a long run's chatter is not kept.
      if (output.length < 20_000) output += chunk;
      if (output.includes(readyText)) resolve();
    };
    child.stdout!.setEncoding("utf8").on("data", collect);
    child.stderr!.setEncoding("utf8").on("data", collect);
    if (onOutput) child.stdout!.on("data", onOutput);
    if (echoErrors) child.stderr!.on("data", (chunk: string) => process.stderr.write(chunk));
    child.on("exit", (code, signal) => reject(new Error(`${args.at(-1) ?? command} exited (${code ?? signal}) before it was ready:\n${output.slice(-2_000)}`)));
  });
  ready.catch(() => undefined);
  return { pid: child.pid, ready, output: () => output, stop: (graceMs = 15_000) => stopChild(child, graceMs) };
}

/** SIGTERM, then SIGKILL after `graceMs`, so a benchmark always ends; resolves once the process has exited. */
export function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
