import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface SpawnedProcess {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first output line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Runs a TypeScript entry point of this repository in a real child process (node + tsx). */
export function spawnTs(script: string, { args = [], env = {} }: { args?: string[]; env?: Record<string, string> } = {}): SpawnedProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, script), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const listeners = new Set<() => void>();
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let partial = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      lines.push(...parts);
      for (const listener of listeners) listener();
    });
    stream?.on("end", () => {
      if (partial) lines.push(partial);
      for (const listener of listeners) listener();
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => {
      for (const listener of listeners) listener();
      resolve({ code, signal });
    });
  });

  return {
    child,
    lines,
    exited,
    output: () => lines.join("\n"),
    waitForLine(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.find((candidate) => pattern.test(candidate));
          if (line !== undefined) {
            finish();
            resolve(line);
          } else if (child.exitCode !== null || child.signalCode !== null) {
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
    await spawned.exited;
  }
}
