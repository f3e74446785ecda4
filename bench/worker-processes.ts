import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));

export interface WorkerProcesses {
  /** Resolves when every process has said it started. */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/** Starts `count` worker processes of a TypeScript entry point with the given environment. */
export function startWorkerProcesses(entry: string, count: number, env: Record<string, string>): WorkerProcesses {
  const children: ChildProcess[] = [];
  const started: Promise<void>[] = [];
  for (let index = 0; index < count; index++) {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, entry)], {
      cwd: repoRoot,
      env: { ...process.env, ...env, WORKER_ID: `bench-${index}` },
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    started.push(
      new Promise((resolve, reject) => {
        let output = "";
        child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
          output += chunk;
          if (output.includes("ready")) resolve();
        });
        child.on("exit", (code) => reject(new Error(`worker ${index} exited with ${code} before it was ready`)));
      }),
    );
  }
  return {
    ready: Promise.all(started).then(() => undefined),
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once("exit", () => resolve());
              child.kill("SIGTERM");
            }),
        ),
      );
    },
  };
}
