import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { repoRoot, stopChild } from "../child-process";
import { createHandledWatch } from "../handled-watch";
import type { PeerWorkerReport } from "./peer-job";

/** A worker that has not reported this long after SIGTERM is killed, so a benchmark always ends. */
const STOP_GRACE_MS = 60_000;

export interface PeerWorkerProcesses {
  /** Resolves when every process has said it is ready. */
  ready: Promise<void>;
  /** Stops every process; never throws, so it can sit in a `finally`. Safe to call more than once. */
  stop(): Promise<void>;
  /** Throws if a process has died on its own: its jobs would otherwise be waited for until the timeout. */
  assertAlive(): void;
  /**
   * Resolves `true` once the handlers have finished `jobs` jobs in all, as the processes report
   * it, or `false` when `budgetMs` runs out first.
   */
  handled(jobs: number, budgetMs: number): Promise<boolean>;
  /** What each stopped process's handlers saw. */
  reports(): PeerWorkerReport[];
}

/**
 * Starts `count` worker processes of a peer (see serve-peer-worker.ts). Each holds a pipe to its
 * stdin open; if this process dies, the pipe closes and the workers exit on their own.
 */
export function startPeerWorkers(entry: string, count: number, env: { url: string; concurrency: number; tuned: boolean }): PeerWorkerProcesses {
  const children: ChildProcess[] = [];
  const outputs: string[] = [];
  const started: Promise<void>[] = [];
  const watch = createHandledWatch();
  for (let index = 0; index < count; index++) {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, entry)], {
      cwd: repoRoot,
      env: { ...process.env, PEER_DATABASE_URL: env.url, PEER_CONCURRENCY: String(env.concurrency), PEER_TUNED: String(env.tuned) },
      stdio: ["pipe", "pipe", "inherit"],
    });
    children.push(child);
    outputs.push("");
    started.push(
      new Promise((resolve, reject) => {
        child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
          outputs[index] += chunk;
          watch.read(index, chunk);
          if (/^ready$/m.test(outputs[index]!)) resolve();
        });
        child.on("exit", (code, signal) => reject(new Error(`${entry} #${index} exited (${signal ?? code}) before it was ready`)));
      }),
    );
  }
  const ready = Promise.all(started).then(() => undefined);
  // A caller that fails before awaiting `ready` still stops the processes; its rejection is not news then.
  ready.catch(() => undefined);

  let stopping: Promise<void> | undefined;
  const assertAlive = () => {
    const dead = children.findIndex((child) => child.exitCode !== null || child.signalCode !== null);
    if (dead >= 0 && !stopping) throw new Error(`${entry} #${dead} exited while jobs were still running`);
  };
  return {
    ready,
    stop() {
      stopping ??= Promise.all(children.map((child) => stopChild(child, STOP_GRACE_MS))).then(() => undefined);
      return stopping;
    },
    assertAlive,
    handled: (jobs, budgetMs) => watch.reached(jobs, { budgetMs, alive: assertAlive }),
    reports: () => outputs.map((output, index) => parseReport(output, `${entry} #${index}`)),
  };
}

function parseReport(output: string, name: string): PeerWorkerReport {
  const line = output.split("\n").find((candidate) => candidate.startsWith("report "));
  if (!line) throw new Error(`${name} stopped without reporting`);
  return JSON.parse(line.slice("report ".length)) as PeerWorkerReport;
}
