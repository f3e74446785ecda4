import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export interface ChildSpec {
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

export interface ChildGroup {
  children: ChildProcess[];
  /** Signals every child's whole process group; safe to call more than once. */
  stop(signal?: NodeJS.Signals): void;
  /** Resolves with the first child's exit code once every child has exited. */
  exited: Promise<number>;
}

/**
 * Starts long-running children (web server, worker) that live and die together. Each child leads
 * its own process group, because wrappers such as npx and tsx do not always pass signals on to
 * the process doing the work; signalling the group reaches it.
 */
export function startChildGroup(specs: ChildSpec[], options: SpawnOptions = {}): ChildGroup {
  const children = specs.map((spec) =>
    spawn(spec.command, spec.args, { stdio: "inherit", ...options, env: spec.env ?? process.env, detached: true }),
  );
  let stopped = false;
  const stop = (signal: NodeJS.Signals = "SIGTERM") => {
    stopped = true;
    for (const child of children) {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) continue;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    }
  };
  const exited = new Promise<number>((resolve) => {
    let firstCode: number | undefined;
    let running = children.length;
    for (const child of children) {
      child.on("exit", (code) => {
        firstCode ??= code ?? 1;
        // One child ending (a crash, a port in use) takes the others down with it.
        if (!stopped) stop("SIGTERM");
        if (--running === 0) resolve(firstCode);
      });
    }
  });
  return { children, stop, exited };
}
