import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "../../../db/migrations";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../../../..");
const CLI = path.join(REPO_ROOT, "scripts/orphans.ts");

export interface TestDatabase {
  file: string;
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

/** Migrates and seeds one database per test file; each test then works on its own copy. */
export async function createTemplateDatabase({ dir, seed }: { dir: string; seed: (url: string) => Promise<void> }): Promise<string> {
  const file = path.join(dir, "template.db");
  const url = `file:${file}`;
  await applyMigrations({ url });
  await seed(url);
  return file;
}

let copies = 0;

export function copyDatabase({ template, dir }: { template: string; dir: string }): TestDatabase {
  copies += 1;
  const file = path.join(dir, `test-${copies}.db`);
  copyFileSync(template, file);
  const storageDir = path.join(dir, `storage-${copies}`);
  mkdirSync(storageDir, { recursive: true });
  const url = `file:${file}`;
  return { file, url, storageDir, env: { ...process.env, DATABASE_URL: url, STORAGE_DIR: storageDir } };
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
