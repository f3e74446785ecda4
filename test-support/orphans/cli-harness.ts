import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = path.join(REPO_ROOT, "scripts/orphans.ts");

/** What the command under test runs against: its database and a storage folder of its own. */
export interface TestDatabase {
  url: string;
  storageDir: string;
  env: NodeJS.ProcessEnv;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function createWorkDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "orphans-cli-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testDatabase({ url, storageDir }: { url: string; storageDir: string }): TestDatabase {
  mkdirSync(storageDir, { recursive: true });
  return { url, storageDir, env: { ...process.env, DATABASE_URL: url, STORAGE_DIR: storageDir } };
}

/** The real command in its own process, with the loader `npm run orphans` uses. Stdin is a closed pipe, not a terminal. */
export function startCli({ args, database }: { args: string[]; database: TestDatabase }): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], { cwd: REPO_ROOT, env: database.env, stdio: "pipe" });
  child.stdin.end();
  return child;
}

export function finished(child: ChildProcessWithoutNullStreams): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export function runCli({ args, database }: { args: string[]; database: TestDatabase }): Promise<CliResult> {
  return finished(startCli({ args, database }));
}

export const HAS_SCRIPT = spawnSync("script", ["--version"], { stdio: "ignore" }).status === 0;

export interface Answer {
  /** Text of the question to wait for. */
  after: string;
  reply: string;
}

/**
 * Runs the command on a pseudo-terminal through util-linux `script` (see HAS_SCRIPT) and types
 * each reply once its question has been printed, the way a person would.
 */
export function runCliOnTerminal({ args, database, answers }: { args: string[]; database: TestDatabase; answers: Answer[] }): Promise<CliResult> {
  const command = [process.execPath, "--import", "tsx", CLI, ...args].map(shellQuote).join(" ");
  const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: REPO_ROOT, env: database.env, stdio: "pipe" });
  const pending = [...answers];
  let seen = "";
  child.stdout.on("data", (chunk: Buffer) => {
    seen += chunk.toString("utf8");
    const next = pending[0];
    if (next && seen.includes(next.after)) {
      pending.shift();
      seen = "";
      child.stdin.write(`${next.reply}\n`);
    }
  });
  const result = finished(child);
  void result.finally(() => child.stdin.end());
  return result;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
