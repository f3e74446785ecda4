import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));

/**
 * How long a test waits for another process to reach a state before it gives up and reports what
 * it saw. Generous: on a loaded two-core machine a process starting with its loader takes tens of
 * seconds. A bound for reporting, never a claim about speed.
 */
export const PROCESS_WAIT_MS = 120_000;

/** A test timeout for a test that waits for other processes several times. */
export const PROCESS_TEST_TIMEOUT_MS = 5 * PROCESS_WAIT_MS;

export interface SpawnOptions {
  args?: string[];
  /** Added to this process's environment. */
  env?: Record<string, string | undefined>;
  /**
   * "ignore": no input. "closed": a pipe closed at once, so the process reads end of input and
   * knows it is not on a terminal. "open": a pipe the test writes to (see SpawnedProcess.child.stdin).
   */
  stdin?: "ignore" | "closed" | "open";
  /** Runs the script on a pseudo-terminal through util-linux `script`, as a person at a terminal would. */
  terminal?: boolean;
}

export interface SpawnedProcess {
  child: ChildProcess;
  /** Complete output lines, standard output and standard error interleaved as they arrived. */
  lines: string[];
  /** Resolves with the first output line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves once the process has exited and its output has been read to the end. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  stdout(): string;
  stderr(): string;
}

/** Runs a TypeScript entry point of this repository in a real child process (node + tsx). */
export function spawnTs(script: string, { args = [], env = {}, stdin = "ignore", terminal = false }: SpawnOptions = {}): SpawnedProcess {
  const command = [process.execPath, "--import", "tsx", path.join(REPO_ROOT, script), ...args];
  const [file, ...commandArgs] = terminal ? ["script", "-qec", command.map(shellQuote).join(" "), "/dev/null"] : command;
  const child = spawn(file!, commandArgs, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: [stdin === "ignore" ? "ignore" : "pipe", "pipe", "pipe"],
  });
  if (stdin === "closed") child.stdin?.end();

  const lines: string[] = [];
  const text = { stdout: "", stderr: "" };
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const collect = (stream: NodeJS.ReadableStream | null, name: keyof typeof text) => {
    let partial = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      text[name] += chunk;
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      lines.push(...parts);
      notify();
    });
    stream?.on("end", () => {
      if (partial) lines.push(partial);
      notify();
    });
  };
  collect(child.stdout, "stdout");
  collect(child.stderr, "stderr");

  let closed = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject);
    // "close" rather than "exit": by then every line the process printed has been collected.
    child.on("close", (code, signal) => {
      closed = true;
      notify();
      resolve({ code, signal });
    });
  });
  exited.catch(() => undefined);

  return {
    child,
    lines,
    exited,
    output: () => lines.join("\n"),
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    waitForLine(pattern, timeoutMs = PROCESS_WAIT_MS) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.find((candidate) => pattern.test(candidate));
          if (line !== undefined) {
            finish();
            resolve(line);
          } else if (closed) {
            finish();
            reject(new Error(`Process exited before printing ${pattern}:\n${lines.join("\n")}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`No line matching ${pattern} within ${timeoutMs} ms:\n${lines.join("\n")}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Stops a child this test started, if it is still running. */
export async function stopChild(spawned: SpawnedProcess): Promise<void> {
  if (spawned.child.exitCode === null && spawned.child.signalCode === null) {
    spawned.child.kill("SIGKILL");
    await spawned.exited.catch(() => undefined);
  }
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
